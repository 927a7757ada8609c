/**
 * Proxying to the services. The routes themselves are configuration
 * ({@code spring.cloud.gateway.server.webflux.routes} in application.yml: path prefixes to
 * {@code complaints.services.<name>.url}, {@code /api/v1} stripped, connect 2 s, response 10 s);
 * this package turns what can go wrong on the way into problem details.
 */
package org.complaints.gateway.routes;
