package org.complaints.routing.rosters;

import java.util.List;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET/PUT /sites/{site}/roster}: a site's on-duty roster (LC-51, OT-30), with ETag / If-Match. */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Sites")
class RosterController {

    @io.swagger.v3.oas.annotations.media.Schema(name = "ReplaceRosterRequest")
    record ReplaceRoster(List<RosterWindow> windows) {}

    private final Rosters rosters;

    RosterController(Rosters rosters) {
        this.rosters = rosters;
    }

    @io.swagger.v3.oas.annotations.Operation(
            operationId = "getSiteRoster",
            summary = "A site's on-duty desk roster (LC-51, OT-30); ETag for If-Match")
    @GetMapping("/sites/{site}/roster")
    ResponseEntity<RosterView> read(CallerIdentity caller, @PathVariable String site) {
        var view = rosters.read(caller, site);
        return ResponseEntity.ok().eTag(etag(view.version())).body(view);
    }

    @io.swagger.v3.oas.annotations.Operation(
            operationId = "replaceSiteRoster",
            summary = "Replace a site's roster (permission ROSTER_WRITE); If-Match makes it conditional")
    @PutMapping(value = "/sites/{site}/roster", consumes = "application/json")
    ResponseEntity<RosterView> replace(
            CallerIdentity caller,
            @PathVariable String site,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody ReplaceRoster body) {
        var view = rosters.replace(caller, site, body == null ? null : body.windows(), version(ifMatch));
        return ResponseEntity.ok().eTag(etag(view.version())).body(view);
    }

    private static Long version(String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        try {
            return Long.parseLong(ifMatch.replace("W/", "").replace("\"", "").trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("If-Match", "is not an ETag this service issued");
        }
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }
}
