#!/bin/bash
# Renders LeadDesk's Asterisk configuration at container start, then hands over to the base
# image's entrypoint (uid/gid adaptation) which execs Asterisk.
#
# Secrets come from the environment only (docker/.env through compose), never from the image:
#   ARI_PASSWORD               every `password` in ari.conf (the ARI user the controller logs in as)
#   SIP_PASSWORD_<N>           the `password` of a pjsip.conf section whose name contains the
#                              extension number N (e.g. [1001] or [1001-auth] -> SIP_PASSWORD_1001);
#                              a section without digits uses its name: [carrier-auth] -> SIP_PASSWORD_CARRIER_AUTH
# Optional, for running behind Docker's NAT and for test calls:
#   SIP_EXTERNAL_ADDRESS       host IP that phones reach; written into every pjsip transport as
#                              external_media_address / external_signaling_address
#   SIP_LOCAL_NET              optional local_net for those transports (e.g. 172.16.0.0/12)
#   CARRIER_MATCH              replaces `match` of every pjsip `type=identify` section (the carrier is
#                              recognised by source IP), e.g. the IP of the PC running the test softphone
# A missing password stops the container with a message naming the variable.
set -euo pipefail

dst=/etc/asterisk
/usr/local/bin/render-config.sh /opt/leaddesk/asterisk-config "$dst"
chown -R asterisk:asterisk "$dst" 2>/dev/null || true
chmod 640 "$dst/ari.conf" "$dst/pjsip.conf" 2>/dev/null || true

# Prompts: Debian's package installs them under /usr/share; Asterisk (built from source in the
# base image) looks in /var/lib/asterisk/sounds/en. Link whatever is not there yet.
if [ -d /usr/share/asterisk/sounds/en_US_f_Allison ]; then
  mkdir -p /var/lib/asterisk/sounds/en
  cp -rsn /usr/share/asterisk/sounds/en_US_f_Allison/. /var/lib/asterisk/sounds/en/
fi

# Named volumes are mounted root-owned when new; Asterisk writes recordings and greetings as `asterisk`.
mkdir -p /var/spool/asterisk/recording/greetings
chown -R asterisk:asterisk /var/spool/asterisk/recording

exec /usr/local/bin/entrypoint.sh "$@"
