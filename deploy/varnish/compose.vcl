vcl 4.1;
# deploy/compose.yaml's Varnish: the reference rules (horoscope.vcl) in front of the two web replicas.
#
# - Backends: the compose services web-1 and web-2, by name. Varnish resolves a name when it loads
#   the VCL, so compose restarts Varnish when it recreates a replica (depends_on: restart: true);
#   after anything else that moves a replica, reload it (README, "Deploying"): `docker compose exec
#   varnish /usr/share/varnish/varnishreload -n /var/lib/varnish/horoscope`.
# - A read that a replica fails to answer is tried once on the other (vcl_backend_error below).
# - Purges are taken only on the `purge` listener (:6082), which compose publishes nowhere: readers
#   reach the `http` listener (:6081) through the published port, and through Docker's port proxy
#   they arrive from the network's gateway, an address inside `purgers`, so the listener is what
#   tells a purge from a reader. Every purge must also carry the secret from the container's
#   HOROSCOPE_VARNISH_PURGE_TOKEN (the scheduler sends the same variable as X-Purge-Token).

import std;
import directors;

probe healthz {
    .url = "/healthz";
    .interval = 2s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

backend web_1 {
    .host = "web-1";
    .port = "8000";
    .connect_timeout = 1s;
    .first_byte_timeout = 10s;
    .probe = healthz;
}

backend web_2 {
    .host = "web-2";
    .port = "8000";
    .connect_timeout = 1s;
    .first_byte_timeout = 10s;
    .probe = healthz;
}

sub vcl_init {
    new web = directors.round_robin();  # skips a replica whose probe fails
    web.add_backend(web_1);
    web.add_backend(web_2);
}

# The private ranges compose (Docker, podman) draws its networks from.
acl purgers {
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub purge_secret {
    set req.http.x-purge-secret = std.getenv("HOROSCOPE_VARNISH_PURGE_TOKEN");
    if (req.http.x-purge-secret == "") {
        return (synth(403, "Forbidden"));  # no secret configured: no purge at all, not any purge
    }
}

# Runs before horoscope.vcl's vcl_recv (VCL joins a sub's definitions in the order they appear).
sub vcl_recv {
    set req.backend_hint = web.backend();
    if (req.method == "PURGE" && local.socket != "purge") {
        return (synth(403, "Forbidden"));
    }
}

# A read a replica failed to answer (stopped, restarting: before its probe says so) goes to the other
# one once. Writes are not retried: one may have been done before the connection broke.
sub vcl_backend_error {
    if (bereq.retries == 0 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
}

include "./horoscope.vcl";
