package org.complaints.followup.routing;

import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The compensation summary the monthly report composes (added up there from the month's compensations). */
@FeignClient(name = "compensation-service")
public interface CompensationClient {

    @GetMapping("/compensations/summary")
    Map<String, Object> summary(
            @RequestParam String month,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String site);
}
