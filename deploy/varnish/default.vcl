vcl 4.1;
# The deployment's Varnish in front of one horoscope-service origin (README, "Behind a CDN"). The
# rules are in horoscope.vcl, beside this file; this file says what is the deployment's: set the
# origin below, list the addresses the scheduler purges from in `purgers`, and (optionally) a purge
# secret in `purge_secret`; the service sends it as X-Purge-Token when HOROSCOPE_VARNISH_PURGE_TOKEN
# is set. deploy/compose.yaml's Varnish uses compose.vcl instead (two replicas, the compose network).

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 1s;
    .first_byte_timeout = 10s;
    .probe = {
        .url = "/healthz";
        .interval = 2s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub purge_secret {
    # The secret purges must carry in X-Purge-Token besides coming from `purgers`; "" requires none.
    set req.http.x-purge-secret = "";
}

# Relative to this file: keep horoscope.vcl beside it.
include "./horoscope.vcl";
