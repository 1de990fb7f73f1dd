package dev.enshu.orchestrator.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.ServerTest;
import dev.enshu.orchestrator.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * With an OIDC client registration configured, the login options offer it and its URL starts the
 * authorization code flow at the provider (here a provider on loopback that is never called).
 */
@ServerTest
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:oidc;DB_CLOSE_DELAY=-1",
      "enshu.data-dir=target/oidc-it",
      "spring.security.oauth2.client.registration.campus.client-id=enshu",
      "spring.security.oauth2.client.registration.campus.client-secret=s3cret",
      "spring.security.oauth2.client.registration.campus.client-name=Campus SSO",
      "spring.security.oauth2.client.registration.campus.scope=openid,profile",
      "spring.security.oauth2.client.registration.campus.authorization-grant-type=authorization_code",
      "spring.security.oauth2.client.registration.campus.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
      "spring.security.oauth2.client.provider.campus.authorization-uri=http://127.0.0.1:9/authorize",
      "spring.security.oauth2.client.provider.campus.token-uri=http://127.0.0.1:9/token",
      "spring.security.oauth2.client.provider.campus.jwk-set-uri=http://127.0.0.1:9/jwks",
      "spring.security.oauth2.client.provider.campus.user-info-uri=http://127.0.0.1:9/userinfo",
      "spring.security.oauth2.client.provider.campus.user-name-attribute=preferred_username"
    })
class OidcLoginIT {
  @LocalServerPort int port;

  @Test
  void configuredProviderIsOfferedAndStartsTheAuthorizationCodeFlow() {
    TestApi api = TestApi.at(port);
    assertThat(api.get("/api/login/options").expect(200).body())
        .contains("\"password\":true")
        .contains("\"id\":\"campus\"")
        .contains("\"name\":\"Campus SSO\"")
        .contains("\"url\":\"/oauth2/authorization/campus\"");
    TestApi.Response start = api.get("/oauth2/authorization/campus").expect(302);
    assertThat(start.headers().firstValue("Location").orElseThrow())
        .startsWith("http://127.0.0.1:9/authorize?")
        .contains("client_id=enshu")
        .contains("scope=openid%20profile");
    // the API still answers 401, not a redirect to the provider
    api.get("/api/me").expect(401);
  }
}
