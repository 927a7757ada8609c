{{/* Chart name and release-scoped names. */}}
{{- define "complaints.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "complaints.serviceName" -}}
{{- printf "%s-%s" (include "complaints.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "complaints.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
complaints.example.org/region: {{ .Values.global.region | quote }}
{{- end -}}

{{/* Selector labels of one service: pass dict "root" $ "name" $name. */}}
{{- define "complaints.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* A service's settings: its entry merged over `defaults`. */}}
{{- define "complaints.service" -}}
{{- $svc := index .root.Values.services .name -}}
{{- toYaml (mustMergeOverwrite (deepCopy .root.Values.defaults) (deepCopy $svc)) -}}
{{- end -}}

{{/* "true" when some service calls .name (it then needs a rule for its public port). */}}
{{- define "complaints.hasCallers" -}}
{{- range $caller, $svc := .root.Values.services }}
{{- if hasKey ($svc.calls | default dict) $.name }}true{{ end }}
{{- end }}
{{- end -}}

{{/* A service's management port (actuator, metrics, API docs): managementPort, else port + 1000. */}}
{{- define "complaints.managementPort" -}}
{{- .svc.managementPort | default (add .svc.port 1000) -}}
{{- end -}}

{{- define "complaints.image" -}}
{{- $tag := .root.Values.global.imageTag | default .root.Chart.AppVersion -}}
{{- printf "%s/%s:%s" .root.Values.global.imageRegistry .svc.repository $tag -}}
{{- end -}}

{{/*
The gateway's quotas as Spring configuration JSON (SPRING_APPLICATION_JSON): tenant ids keep their
dashes, which environment-variable names could not carry.
*/}}
{{- define "complaints.gatewayQuotas" -}}
{{- $quotas := .Values.gateway.quotas -}}
{{- $tenants := dict -}}
{{- range $tenant, $quota := $quotas.tenants -}}
{{- $_ := set $tenants $tenant (dict "per-minute" (int $quota.perMinute)) -}}
{{- end -}}
{{- dict "complaints" (dict "gateway" (dict "default-quota-per-minute" (int $quotas.defaultPerMinute) "quota" (dict "tenants" $tenants))) | toJson -}}
{{- end -}}
