//! The headers every answer carries: a strict Content-Security-Policy, and HSTS only when our
//! own proxy says TLS ended there.
use crate::on_both_backends;
use crate::support::{Options, TestApp};

on_both_backends!(every_answer_has_a_strict_policy_and_no_unearned_hsts,);
on_both_backends!(options = behind_a_tls_proxy; hsts_follows_the_trusted_proxys_scheme,);

fn behind_a_tls_proxy() -> Options {
    let mut options = Options::default();
    options.proxy.trust = true;
    options.proxy.hops = 1;
    options
}

async fn every_answer_has_a_strict_policy_and_no_unearned_hsts(app: TestApp) {
    let forged = app.anon().with_header("x-forwarded-proto", "https");
    for reply in [
        forged.get("/health").await,
        forged.get("/no-such-route").await,
    ] {
        let policy = reply.headers["content-security-policy"]
            .to_str()
            .expect("ascii");
        for directive in [
            "default-src 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
        ] {
            assert!(policy.contains(directive), "{directive} in {policy}");
        }
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{policy}"
        );
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        assert_eq!(reply.headers["x-content-type-options"], "nosniff");
        // Without a trusted proxy, a client's own X-Forwarded-Proto earns nothing.
        assert!(!reply.headers.contains_key("strict-transport-security"));
    }
}

async fn hsts_follows_the_trusted_proxys_scheme(app: TestApp) {
    let tls = app.anon().with_header("x-forwarded-proto", "https");
    let reply = tls.get("/health").await.expect(200);
    assert_eq!(
        reply.headers["strict-transport-security"],
        "max-age=31536000"
    );
    let plain = app.anon().with_header("x-forwarded-proto", "http");
    let reply = plain.get("/health").await.expect(200);
    assert!(!reply.headers.contains_key("strict-transport-security"));
    // The proxy's word is the last one: a client's "https" in front of it does not count.
    let forged = app.anon().with_header("x-forwarded-proto", "https, http");
    let reply = forged.get("/health").await.expect(200);
    assert!(!reply.headers.contains_key("strict-transport-security"));
}
