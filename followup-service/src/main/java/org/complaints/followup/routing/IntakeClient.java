package org.complaints.followup.routing;

import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The intake summary the monthly report composes (added up in intake from the month's complaints). */
@FeignClient(name = "intake-service")
public interface IntakeClient {

    @GetMapping("/complaints/summary")
    Map<String, Object> summary(
            @RequestParam String month,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String site);
}
