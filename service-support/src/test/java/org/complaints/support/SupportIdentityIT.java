package org.complaints.support;

import org.complaints.support.identity.IdentityContract;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The identity contract on the bare support application (its {@code /whoami} read). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SupportIdentityIT extends IdentityContract {

    @Override
    protected String publicRead() {
        return "/whoami";
    }

    @Override
    protected Class<?> application() {
        return SupportTestApplication.class;
    }
}
