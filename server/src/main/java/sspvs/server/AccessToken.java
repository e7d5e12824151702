package sspvs.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The {@code --token} check: a request carries the secret as {@code Authorization: Bearer SECRET}, an
 * {@code X-Sspvs-Token} header or the {@value #COOKIE} cookie. A page opened as {@code /?token=SECRET} sets the
 * cookie, so a browser needs the secret once.
 */
final class AccessToken {
    static final String COOKIE = "sspvs_token";
    static final String HEADER = "X-Sspvs-Token";
    private final byte[] secret;

    /** @param secretOrNull null or empty: every request is allowed */
    AccessToken(String secretOrNull) {
        this.secret = secretOrNull == null || secretOrNull.isEmpty() ? null
                : secretOrNull.getBytes(StandardCharsets.UTF_8);
    }

    boolean required() {
        return secret != null;
    }

    /** Whether the request may go on; a page given the right {@code ?token=} gets the cookie set here. */
    boolean admits(Context ctx) {
        if (secret == null) {
            return true;
        }
        String auth = ctx.header("Authorization");
        if (auth != null && auth.startsWith("Bearer ") && matches(auth.substring(7).strip())) {
            return true;
        }
        if (matches(ctx.header(HEADER)) || matches(ctx.cookie(COOKIE))) {
            return true;
        }
        String query = ctx.queryParam("token");
        if (matches(query)) {
            ctx.res().addHeader("Set-Cookie", COOKIE + "=" + query + "; Path=/; HttpOnly; SameSite=Strict");
            return true;
        }
        return false;
    }

    /** Constant-time comparison, so response times do not leak the secret's prefix. */
    private boolean matches(String given) {
        return given != null && MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8));
    }
}
