package org.complaints.routing;

import org.complaints.support.identity.IdentityContract;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** routing-service called directly with hostile identities (the shared contract in service-support). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ServiceIdentityIT extends IdentityContract {

    @Override
    protected String publicRead() {
        return "/cases";
    }

    @Override
    protected Class<?> application() {
        return RoutingServiceApplication.class;
    }
}
