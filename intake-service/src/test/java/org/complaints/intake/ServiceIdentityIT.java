package org.complaints.intake;

import org.complaints.support.identity.IdentityContract;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** intake-service called directly with hostile identities (the shared contract in service-support). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ServiceIdentityIT extends IdentityContract {

    @Override
    protected String publicRead() {
        return "/complaints";
    }

    @Override
    protected Class<?> application() {
        return IntakeServiceApplication.class;
    }
}
