# syntax=docker/dockerfile:1
# Asterisk for LeadDesk, built from the repository root:
#   docker build -f docker/asterisk.Dockerfile .
#
# Base: andrius/asterisk, a widely used prebuilt image (Docker Hub and ghcr.io) rebuilt by CI for
# every Asterisk release. Nothing is compiled here. The tag is pinned to the exact release our ARI
# contract was recorded against (ari-spec/ and ari-transcripts/: Asterisk 22.10.1). 22.10.1 is
# newer than 22.6, so ARI `progress` (early media) is available and the controller plays real
# disconnected/busy tones instead of falling back to SIP causes.
# To try another release change ASTERISK_TAG (e.g. `22`, or `20.20.1_debian-trixie`); on an
# Asterisk older than 20.16 / 21.11 / 22.6 the controller detects the missing `progress` and
# rejects with causes instead (unallocated / busy), so the carrier plays its own announcement.
ARG ASTERISK_TAG=22.10.1_debian-trixie
FROM andrius/asterisk:${ASTERISK_TAG}

# The base image leaves out Asterisk's prompts to stay small; the controller plays stock ones
# (beep, not-in-service, the default voicemail greeting). Debian's packaged English prompts
# (GSM, plays without transcoding to the usual codecs) are used instead of a download.
RUN apt-get update \
 && apt-get install -y --no-install-recommends asterisk-core-sounds-en-gsm \
 && rm -rf /var/lib/apt/lists/*

# Our configuration, as tested in asterisk-config/. It is copied over /etc/asterisk at every
# start (after the image's sample files, which fill in modules we do not configure), with the
# ARI and SIP passwords substituted from the environment: no password is stored in the image.
COPY asterisk-config/ /opt/leaddesk/asterisk-config/
COPY --chmod=755 docker/asterisk/render-config.sh docker/asterisk/leaddesk-start.sh /usr/local/bin/

# Recordings (voicemail before the controller fetches it) and agents' greetings live on volumes;
# create them owned by the asterisk user so fresh named volumes start writable. The media cache
# (res_http_media_cache: greetings fetched from the controller) writes to /var/cache/asterisk: without
# it a fetched greeting "does not exist in any format".
RUN mkdir -p /var/spool/asterisk/recording/greetings /var/cache/asterisk \
 && chown -R asterisk:asterisk /var/spool/asterisk/recording /var/cache/asterisk

# The start script runs as root (to render config and fix volume ownership), then hands over to the
# base image's entrypoint, which adapts uid/gid and execs Asterisk; Asterisk drops to `asterisk`.
ENTRYPOINT ["/usr/local/bin/leaddesk-start.sh"]
# Setting ENTRYPOINT clears the base image's CMD, so it is restated: foreground, no colours.
CMD ["/usr/sbin/asterisk", "-f", "-vvv", "-n", "-T", "-U", "asterisk", "-G", "asterisk"]
