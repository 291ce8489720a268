"""The pure content domain: zodiac facts, the sky, and the composers. No Flask, no Redis, no clock."""

# Part of every entry's identity: bump it when the phrase banks or the composition change,
# so that regenerated entries say which engine wrote them.
CONTENT_VERSION = "2026.12.3"
