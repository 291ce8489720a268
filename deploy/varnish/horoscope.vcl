vcl 4.1;
# The reference VCL's rules, shared by every deployment's VCL (README, "Behind a CDN"): default.vcl
# (one origin) and compose.vcl (deploy/compose.yaml's replicas) include it after declaring what is
# theirs: the backends, the `purgers` ACL and the `purge_secret` sub. Needs Varnish 7 with the xkey
# vmod (Debian: varnish, varnish-modules).
#
# - TTL from the origin's Surrogate-Control (max-age), which only this tier sees; browsers get the
#   short Cache-Control. Objects are indexed by their `xkey` tags and purged by them:
#   `PURGE /` with `xkey-softpurge: <tags>` (default) or `xkey-purge: <tags>` (hard).
# - Stale copies (grace, from stale-if-error) are served only while the origin's probe fails; while it
#   is healthy an expired or soft-purged object is fetched again at once (conditionally: keep), so an
#   alias never outlives local midnight and an edit shows on the first request after its purge.
# - 5xx and private answers are never stored; requests with credentials are passed to the origin.
# - /metrics is not served: it is for Prometheus inside the network (README, "Operations").

import std;
import xkey;

sub vcl_recv {
    if (req.restarts == 0) {
        unset req.http.x-purge-secret;
    }
    if (req.url ~ "^/metrics($|\?)") {
        return (synth(404, "Not Found"));  # Prometheus scrapes the origins directly, never readers
    }
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        call purge_secret;
        if (req.http.x-purge-secret != "" && req.http.X-Purge-Token != req.http.x-purge-secret) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.x-purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Invalidated " + req.http.x-purged + " objects"));
        }
        if (req.http.xkey-softpurge) {
            set req.http.x-purged = xkey.softpurge(req.http.xkey-softpurge);
            return (synth(200, "Softpurged " + req.http.x-purged + " objects"));
        }
        return (synth(400, "Give xkey-purge or xkey-softpurge"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.url ~ "^/v1/") {
        unset req.http.Cookie;  # the API sets none and reads none: readers' cookies must not split the cache
    }
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;  # stale copies are for outages only
    }
}

sub vcl_backend_response {
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch) {
            return (abandon);  # keep serving the stale copy
        }
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.http.Surrogate-Control ~ "max-age=[0-9]+") {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1") + "s", 0s);
        set beresp.grace = 0s;
        if (beresp.http.Surrogate-Control ~ "stale-if-error=[0-9]+") {
            set beresp.grace = std.duration(
                regsub(beresp.http.Surrogate-Control, "^.*stale-if-error=([0-9]+).*$", "\1") + "s", 0s);
        }
        set beresp.keep = 1d;  # a soft-purged or expired object is refetched with If-None-Match
    }
}

sub vcl_backend_error {
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Tags and edge TTLs are for this tier only.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Control;
    unset resp.http.Surrogate-Key;
    unset resp.http.CDN-Cache-Control;
    unset resp.http.Cache-Tag;
    unset resp.http.Edge-Cache-Tag;
}
