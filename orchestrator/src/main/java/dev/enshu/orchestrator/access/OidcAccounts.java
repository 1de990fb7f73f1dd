package dev.enshu.orchestrator.access;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * An OIDC login maps to an existing local user: the value of the configured claim ({@code
 * enshu.security.oidc.username-claim}, default {@code preferred_username}) is the local user name.
 * The identity provider says who someone is; Enshu decides what they may. Unknown or disabled users
 * are refused with a message that says what to ask for.
 */
final class OidcAccounts implements OAuth2UserService<OidcUserRequest, OidcUser> {
  private final OidcUserService delegate = new OidcUserService();
  private final Accounts accounts;
  private final String claim;

  OidcAccounts(Accounts accounts, String claim) {
    this.accounts = accounts;
    this.claim = claim;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
    OidcUser oidc = delegate.loadUser(request);
    Object value = oidc.getClaims().get(claim);
    String provider = request.getClientRegistration().getRegistrationId();
    if (value == null) {
      throw refused(
          "the identity provider '"
              + provider
              + "' sent no '"
              + claim
              + "' claim to name the user");
    }
    String name = value.toString();
    Actor actor =
        accounts
            .actor(name)
            .orElseThrow(
                () ->
                    refused(
                        "'"
                            + name
                            + "' logged in at '"
                            + provider
                            + "' but has no Enshu account (or it is disabled): ask an instructor"
                            + " to create user '"
                            + name
                            + "'"));
    return new DefaultOidcUser(
        List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())),
        oidc.getIdToken(),
        oidc.getUserInfo(),
        claim);
  }

  private static OAuth2AuthenticationException refused(String message) {
    return new OAuth2AuthenticationException(
        new OAuth2Error("unknown_user", message, null), message);
  }
}
