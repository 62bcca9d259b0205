#!/bin/bash
# Renders LeadDesk's Asterisk configuration: render-config.sh SRC DST
# Copies SRC (asterisk-config/) over DST (/etc/asterisk) and fills in what must not live in the
# repository or the image (variables: see leaddesk-start.sh). Touches nothing but DST, so the tests
# in tests/Docker.Tests run it on a temporary folder.
set -euo pipefail

src=${1:?usage: render-config.sh SRC DST}
dst=${2:?usage: render-config.sh SRC DST}

fail() { echo "leaddesk-start: $*" >&2; exit 1; }

[ -d "$src" ] || fail "$src is missing (the image is built from asterisk-config/)"
: "${ARI_PASSWORD:?set ARI_PASSWORD in docker/.env}"

# Asterisk's config syntax ends a value at ';' (comment) and trims blanks: refuse what would be cut.
for v in ARI_PASSWORD $(compgen -e | grep '^SIP_PASSWORD_' || true); do
  case "${!v}" in
    *[\;\"\'[:space:]\\]*) fail "$v must not contain ';', quotes, backslashes or blanks" ;;
    CHANGE_ME*) fail "$v is still the placeholder from .env.example: set a real password in docker/.env" ;;
  esac
done

# Our files win over the image's samples of the same name, at every start (the /etc/asterisk
# volume of the base image would otherwise keep an old copy).
mkdir -p "$dst"
cp -a "$src/." "$dst/"

# rtp.conf must match the RTP range compose publishes; asterisk-config/ owns it when present.
if [ ! -f "$src/rtp.conf" ]; then
  printf '[general]\nrtpstart=10000\nrtpend=10099\n' > "$dst/rtp.conf"
fi

# ari.conf: the ARI user's password (password_format is a different key and stays).
if [ -f "$dst/ari.conf" ]; then
  awk '/^[ \t]*password[ \t]*=/ { print "password = " ENVIRON["ARI_PASSWORD"]; next } { print }' \
    "$dst/ari.conf" > "$dst/ari.conf.new"
  mv "$dst/ari.conf.new" "$dst/ari.conf"
fi

# pjsip.conf: a password per section, optional NAT addresses for transports, optional carrier match.
if [ -f "$dst/pjsip.conf" ]; then
  awk '
    function section_of(line,   s) { s = line; sub(/^[ \t]*\[/, "", s); sub(/\].*$/, "", s); return s }
    function var_for(name,   d) {
      if (match(name, /[0-9][0-9][0-9]+/)) return "SIP_PASSWORD_" substr(name, RSTART, RLENGTH)
      d = toupper(name); gsub(/[^A-Z0-9]/, "_", d); return "SIP_PASSWORD_" d
    }
    function transport_extras() {
      if (type[cur] != "transport" || ENVIRON["SIP_EXTERNAL_ADDRESS"] == "") return
      print "external_media_address=" ENVIRON["SIP_EXTERNAL_ADDRESS"]
      print "external_signaling_address=" ENVIRON["SIP_EXTERNAL_ADDRESS"]
      if (ENVIRON["SIP_LOCAL_NET"] != "") print "local_net=" ENVIRON["SIP_LOCAL_NET"]
    }
    # Pass 1: the type of every section (type= may come after the other keys).
    NR == FNR {
      if ($0 ~ /^[ \t]*\[/) id[++n] = section_of($0)
      else if ($0 ~ /^[ \t]*type[ \t]*=/) { t = $0; sub(/^[^=]*=>?[ \t]*/, "", t); sub(/[ \t;].*$/, "", t); type[n] = t }
      next
    }
    # Pass 2: rewrite. Templates ([name](!)) are left alone.
    /^[ \t]*\[/ { transport_extras(); cur++; templ = ($0 ~ /\][ \t]*\([^)]*!/); print; next }
    templ { print; next }
    type[cur] == "transport" && ENVIRON["SIP_EXTERNAL_ADDRESS"] != "" &&
      /^[ \t]*(external_media_address|external_signaling_address|local_net)[ \t]*=/ { next }
    type[cur] == "identify" && ENVIRON["CARRIER_MATCH"] != "" && /^[ \t]*match[ \t]*=/ {
      if (!done[cur]++) print "match=" ENVIRON["CARRIER_MATCH"]
      next
    }
    /^[ \t]*password[ \t]*=/ {
      v = var_for(id[cur])
      if (ENVIRON[v] == "") {
        printf "leaddesk-start: set %s in docker/.env (password of [%s] in pjsip.conf)\n", v, id[cur] > "/dev/stderr"
        bad = 1
      }
      print "password=" ENVIRON[v]
      next
    }
    { print }
    END { transport_extras(); exit bad }' "$dst/pjsip.conf" "$dst/pjsip.conf" > "$dst/pjsip.conf.new" \
    || { rm -f "$dst/pjsip.conf.new"; fail "pjsip.conf needs the passwords named above"; }
  mv "$dst/pjsip.conf.new" "$dst/pjsip.conf"
fi
