package dev.enshu.orchestrator.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With an OIDC client registration configured, the login options offer it and its URL starts the
 * authorization code flow at the provider (here a provider on loopback that is never called).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:oidc;DB_CLOSE_DELAY=-1",
      "enshu.data-dir=target/oidc-it",
      "enshu.security.first-instructor=",
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
  void configuredProviderIsOfferedAndStartsTheAuthorizationCodeFlow() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String options =
        http.send(
                HttpRequest.newBuilder(uri("/api/login/options")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(options)
        .contains("\"password\":true")
        .contains("\"id\":\"campus\"")
        .contains("\"name\":\"Campus SSO\"")
        .contains("\"url\":\"/oauth2/authorization/campus\"");
    HttpResponse<String> start =
        http.send(
            HttpRequest.newBuilder(uri("/oauth2/authorization/campus")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(start.statusCode()).isEqualTo(302);
    assertThat(start.headers().firstValue("Location").orElseThrow())
        .startsWith("http://127.0.0.1:9/authorize?")
        .contains("client_id=enshu")
        .contains("scope=openid%20profile");
    // the API still answers 401, not a redirect to the provider
    assertThat(
            http.send(
                    HttpRequest.newBuilder(uri("/api/me")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(401);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
