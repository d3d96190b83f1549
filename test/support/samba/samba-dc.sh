#!/usr/bin/env bash
# A real Samba AD domain controller on a loopback address, for the tests and the benchmark.
#
#   samba-dc.sh template               provision the cached template once (domain, Exchange-like schema, CA, seed)
#   samba-dc.sh start RUNDIR ADDRESS   copy the template to RUNDIR, bind the DC to ADDRESS (127.x.y.z only),
#                                      start `samba` and write RUNDIR/connection.json
#   samba-dc.sh stop RUNDIR            stop that DC and remove RUNDIR
#
# The template lives in $ENTRA_GATE_SAMBA_CACHE (default /tmp/entra-gate-samba), keyed by a hash of this folder,
# so a change to the script, the schema or the seed provisions a new one. Provisioning runs under flock, so
# parallel runs share one template. Every DC gets its own server certificate, issued by the template's CA, with
# the DC's loopback address and host name in subjectAltName.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
CACHE="${ENTRA_GATE_SAMBA_CACHE:-/tmp/entra-gate-samba}"
REALM="CORP.EXAMPLE.COM"
DOMAIN="CORP"
HOST="dc01"
FQDN="dc01.corp.example.com"
BASE_DN="DC=corp,DC=example,DC=com"
ADMIN_DN="CN=Administrator,CN=Users,${BASE_DN}"
# A test-only password of a throw-away DC on loopback; it protects nothing.
ADMIN_PASSWORD="Entra-Gate-Test-DC-1!"

die() {
  echo "samba-dc.sh: $*" >&2
  exit 2
}

need_tools() {
  local missing=()
  for tool in samba samba-tool ldbmodify ldbadd openssl; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    die "missing ${missing[*]}: apt-get install samba samba-ad-dc samba-ad-provision ldb-tools openssl"
  fi
}

template_dir() {
  local key
  key="$(cat "$HERE"/samba-dc.sh "$HERE"/*.ldif | sha256sum | cut -c1-16)"
  echo "$CACHE/template-$key"
}

# Applies an LDIF file to the DC's own database, with ${BASE_DN} substituted.
ldb_apply() {
  local db="$1" file="$2"
  shift 2
  sed "s/\${BASE_DN}/${BASE_DN}/g" "$file" | ldbmodify -H "$db" "$@" >/dev/null
}

provision_template() {
  local tpl="$1" tmp
  tmp="$(mktemp -d "$CACHE/provision.XXXXXX")"
  samba-tool domain provision --targetdir="$tmp/dc" --realm="$REALM" --domain="$DOMAIN" --server-role=dc \
    --dns-backend=SAMBA_INTERNAL --host-name="$HOST" --host-ip=127.0.0.1 --adminpass="$ADMIN_PASSWORD" \
    --option="interfaces = lo" --option="bind interfaces only = yes" >"$tmp/provision.log" 2>&1 ||
    die "samba-tool domain provision failed; see $tmp/provision.log"
  local db="$tmp/dc/private/sam.ldb"
  # Exchange-like schema: two steps, because the new attributes must be loaded before a class may name them.
  ldb_apply "$db" "$HERE/schema-exchange-attributes.ldif" --option="dsdb:schema update allowed=true"
  ldb_apply "$db" "$HERE/schema-exchange-classes.ldif" --option="dsdb:schema update allowed=true"
  ldb_apply "$db" "$HERE/seed.ldif"
  # The test CA; server certificates are issued per DC at start (they name the DC's address).
  mkdir -p "$tmp/dc/ca"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=entra-gate test CA" \
    -keyout "$tmp/dc/ca/ca.key" -out "$tmp/dc/ca/ca.pem" >/dev/null 2>&1
  rm -rf "$tpl"
  mv "$tmp/dc" "$tpl"
  rm -rf "$tmp"
}

cmd_template() {
  need_tools
  mkdir -p "$CACHE"
  local tpl
  tpl="$(template_dir)"
  exec 9>"$CACHE/.lock"
  flock 9
  [ -f "$tpl/private/sam.ldb" ] || provision_template "$tpl"
  echo "$tpl"
}

issue_server_cert() {
  local dir="$1" address="$2"
  local tls="$dir/tls"
  mkdir -p "$tls"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$FQDN" -keyout "$tls/key.pem" -out "$tls/req.csr" >/dev/null 2>&1
  printf 'subjectAltName=IP:%s,DNS:%s,DNS:%s,DNS:localhost\nextendedKeyUsage=serverAuth\n' "$address" "$FQDN" "$HOST" >"$tls/ext.cnf"
  openssl x509 -req -in "$tls/req.csr" -CA "$dir/ca/ca.pem" -CAkey "$dir/ca/ca.key" -CAcreateserial -days 30 \
    -extfile "$tls/ext.cnf" -out "$tls/cert.pem" >/dev/null 2>&1
  chmod 600 "$tls/key.pem"
}

write_smb_conf() {
  local dir="$1" address="$2"
  mkdir -p "$dir/run" "$dir/log" "$dir/cache" "$dir/winbindd" "$dir/ntp_signd"
  cat >"$dir/etc/smb.conf" <<EOF
[global]
	netbios name = ${HOST^^}
	realm = $REALM
	workgroup = $DOMAIN
	server role = active directory domain controller
	interfaces = $address/8
	bind interfaces only = yes
	private dir = $dir/private
	binddns dir = $dir/bind-dns
	state directory = $dir/state
	cache directory = $dir/cache
	lock directory = $dir
	pid directory = $dir/run
	ncalrpc dir = $dir/run/ncalrpc
	winbindd socket directory = $dir/winbindd
	ntp signd socket directory = $dir/ntp_signd
	log file = $dir/log/log.%m
	log level = 1
	dns forwarder = 127.0.0.1
	server services = s3fs, rpc, nbt, ldap, cldap, kdc, dns, winbindd
	tls enabled = yes
	tls keyfile = $dir/tls/key.pem
	tls certfile = $dir/tls/cert.pem
	tls cafile = $dir/ca/ca.pem
	ldap server require strong auth = no
	idmap_ldb:use rfc2307 = yes

[sysvol]
	path = $dir/state/sysvol
	read only = No

[netlogon]
	path = $dir/state/sysvol/corp.example.com/scripts
	read only = No
EOF
}

wait_for_ldap() {
  local address="$1" dir="$2"
  for _ in $(seq 1 120); do
    if ldapsearch -x -H "ldap://$address:389" -s base -b "" -LLL dsServiceName >/dev/null 2>&1 &&
      ldapsearch -x -H "ldap://$address:3268" -s base -b "" -LLL dsServiceName >/dev/null 2>&1; then
      return 0
    fi
    if [ -f "$dir/run/samba.pid" ] && ! kill -0 "$(cat "$dir/run/samba.pid")" 2>/dev/null; then
      die "samba exited during start; see $dir/log/"
    fi
    sleep 0.5
  done
  die "the DC on $address did not answer LDAP within 60 s; see $dir/log/"
}

cmd_start() {
  local dir="${1:?usage: samba-dc.sh start RUNDIR ADDRESS}" address="${2:?usage: samba-dc.sh start RUNDIR ADDRESS}"
  [[ "$address" =~ ^127\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "ADDRESS must be a 127.x.y.z loopback address, got $address"
  command -v ldapsearch >/dev/null 2>&1 || die "missing ldapsearch: apt-get install ldap-utils"
  local tpl
  tpl="$(cmd_template)"
  [ ! -e "$dir" ] || [ -z "$(ls -A "$dir")" ] || die "RUNDIR $dir exists and is not empty"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  cp -a "$tpl/." "$dir/"
  issue_server_cert "$dir" "$address"
  write_smb_conf "$dir" "$address"
  samba -D -s "$dir/etc/smb.conf" || die "samba failed to start; see $dir/log/"
  wait_for_ldap "$address" "$dir"
  cat >"$dir/connection.json" <<EOF
{
  "host": "$address",
  "hostName": "$FQDN",
  "realm": "$REALM",
  "netbiosDomain": "$DOMAIN",
  "baseDn": "$BASE_DN",
  "bindDn": "$ADMIN_DN",
  "password": "$ADMIN_PASSWORD",
  "caFile": "$dir/ca/ca.pem",
  "privateDir": "$dir/private",
  "samDb": "$dir/private/sam.ldb",
  "smbConf": "$dir/etc/smb.conf",
  "pid": $(cat "$dir/run/samba.pid"),
  "runDir": "$dir"
}
EOF
  echo "$dir/connection.json"
}

cmd_stop() {
  local dir="${1:?usage: samba-dc.sh stop RUNDIR}"
  [ -d "$dir" ] || return 0
  local pidfile="$dir/run/samba.pid"
  if [ -f "$pidfile" ]; then
    local pid
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
      done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    fi
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  template) cmd_template ;;
  start) cmd_start "${2:-}" "${3:-}" ;;
  stop) cmd_stop "${2:-}" ;;
  *) die "usage: samba-dc.sh template | start RUNDIR ADDRESS | stop RUNDIR" ;;
esac
