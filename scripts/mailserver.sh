#!/usr/bin/env bash
# A throwaway mail server for tests: Postfix (SMTP) delivering over LMTP into Dovecot (IMAP), on loopback only.
#
#   bash scripts/mailserver.sh start|stop|status|env|stop-smtp|start-smtp
#
# Like postgres.sh this is NOT the system's mail setup: both servers run from their own configuration under
# $RATHAUS_MAIL_DIR, on their own ports, and accept mail for any address of two test domains,
#   rathaus-lueneburg.example (the city) and buerger.example (citizens).
# Every mailbox exists as soon as something is delivered to it and every user logs in over IMAP with the password
# "test". Never use it for real mail.
#
#   env         prints RATHAUS_TEST_SMTP=… and RATHAUS_TEST_IMAP=… lines for the tests
#   stop-smtp   stops Postfix only (Dovecot keeps the mailboxes readable): tests of "the mail server is down"
#   start-smtp  starts it again
#
# Settings (environment):
#   RATHAUS_MAIL_DIR   configuration, queue, mailboxes, logs  (default /tmp/rathaus-mail)
#   RATHAUS_SMTP_PORT  Postfix SMTP port                      (default 10025)
#   RATHAUS_IMAP_PORT  Dovecot IMAP port                      (default 10143)
#   RATHAUS_LMTP_PORT  Dovecot LMTP port, used by Postfix     (default 10024)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SMTP_PORT="${RATHAUS_SMTP_PORT:-10025}"
IMAP_PORT="${RATHAUS_IMAP_PORT:-10143}"
LMTP_PORT="${RATHAUS_LMTP_PORT:-10024}"
MAIL_DIR="$(realpath -m "${RATHAUS_MAIL_DIR:-/tmp/rathaus-mail}")"
DOMAINS="rathaus-lueneburg.example buerger.example"
PASSWORD="test"

PF_DIR="$MAIL_DIR/postfix"        # main.cf, master.cf
PF_LOG="$MAIL_DIR/postfix.log"
DC_CONF="$MAIL_DIR/dovecot/dovecot.conf"
DC_RUN="$MAIL_DIR/dovecot/run"    # base_dir: sockets and master.pid
DC_LOG="$MAIL_DIR/dovecot.log"
BOXES="$MAIL_DIR/boxes"

usage() {
  echo "usage: $0 start|stop|status|env|stop-smtp|start-smtp" >&2
  exit 2
}

fail_with_logs() {
  echo "mailserver.sh: $1" >&2
  shift
  local f
  for f in "$@"; do
    if [ -f "$f" ]; then
      echo "----- $f (last 30 lines) -----" >&2
      tail -n 30 "$f" >&2
    fi
  done
  exit 1
}

# True when something accepts TCP connections on 127.0.0.1:$1.
listening() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# wait_until SECONDS COMMAND... — poll until the command succeeds.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}

not() { ! "$@"; }

ensure_installed() {
  # The package scripts try to start the system's services and fail harmlessly ("policy-rc.d denied execution").
  apt_install postfix dovecot-imapd dovecot-lmtpd
}

# --- Dovecot ---------------------------------------------------------------

write_dovecot_config() {
  need_root_cmd mkdir -p "$MAIL_DIR/dovecot" "$BOXES"
  # Login and mail processes run as dovenull and must reach the directories below.
  need_root_cmd chmod 755 "$MAIL_DIR" "$MAIL_DIR/dovecot"
  need_root_cmd chown dovenull:dovenull "$BOXES"
  need_root_cmd tee "$DC_CONF" >/dev/null <<EOF
# Written by scripts/mailserver.sh; changes are overwritten on the next start.
protocols = imap lmtp
listen = 127.0.0.1
base_dir = $DC_RUN
state_dir = $MAIL_DIR/dovecot/state
log_path = $DC_LOG
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login

# dovenull has a uid around 105; the default (500) refuses it with "Mail access for users with UID … not permitted".
first_valid_uid = 100
mail_location = maildir:$BOXES/%u

# Any user with the one test password; the mailbox appears on first delivery.
passdb {
  driver = static
  args = password=$PASSWORD
}
userdb {
  driver = static
  args = uid=dovenull gid=dovenull home=$BOXES/%u allow_all_users=yes
}

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
}
EOF
}

dovecot_running() {
  [ -f "$DC_RUN/master.pid" ] && need_root_cmd kill -0 "$(cat "$DC_RUN/master.pid")" 2>/dev/null
}

start_dovecot() {
  if dovecot_running; then
    return 0
  fi
  write_dovecot_config
  need_root_cmd dovecot -c "$DC_CONF" || fail_with_logs "Dovecot did not start" "$DC_LOG"
  if ! wait_until 15 listening "$IMAP_PORT" || ! wait_until 5 listening "$LMTP_PORT"; then
    fail_with_logs "Dovecot started but 127.0.0.1:$IMAP_PORT/$LMTP_PORT do not answer" "$DC_LOG"
  fi
}

stop_dovecot() {
  if ! dovecot_running; then
    return 0
  fi
  need_root_cmd dovecot -c "$DC_CONF" stop
  wait_until 15 not dovecot_running || fail_with_logs "Dovecot did not stop" "$DC_LOG"
}

# --- Postfix ---------------------------------------------------------------

write_postfix_config() {
  need_root_cmd mkdir -p "$PF_DIR" "$MAIL_DIR/postfix-queue" "$MAIL_DIR/postfix-data"
  need_root_cmd chown postfix "$MAIL_DIR/postfix-data"
  need_root_cmd tee "$PF_DIR/main.cf" >/dev/null <<EOF
# Written by scripts/mailserver.sh; changes are overwritten on the next start.
compatibility_level = 3.6
queue_directory = $MAIL_DIR/postfix-queue
data_directory = $MAIL_DIR/postfix-data
meta_directory = /etc/postfix
myhostname = mail.rathaus-test.example
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mydestination =
alias_maps =
alias_database =
mynetworks = 127.0.0.0/8
virtual_mailbox_domains = $DOMAINS
virtual_transport = lmtp:inet:127.0.0.1:$LMTP_PORT
smtputf8_enable = yes
# There is no syslog here: the master process runs in the foreground and its output goes to $PF_LOG.
maillog_file = /dev/stdout
EOF
  # Debian's master.cf, with SMTP on our port and no chroot (a chroot under the queue directory would need copies of
  # /etc files that nothing here maintains).
  awk -v listen="127.0.0.1:$SMTP_PORT" '
    /^[a-z]/ && NF >= 8 { $5 = "n"; if ($1 == "smtp" && $2 == "inet") $1 = listen }
    { print }
  ' /etc/postfix/master.cf | need_root_cmd tee "$PF_DIR/master.cf" >/dev/null

  # Postfix refuses a configuration directory that the default one does not name.
  local alternates
  alternates="$(postconf -h alternate_config_directories 2>/dev/null || true)"
  case " ${alternates//,/ } " in
    *" $PF_DIR "*) ;;
    *) need_root_cmd postconf -e "alternate_config_directories = ${alternates:+$alternates, }$PF_DIR" ;;
  esac
}

postfix_running() {
  [ -f "$PF_DIR/main.cf" ] && need_root_cmd postfix -c "$PF_DIR" status >/dev/null 2>&1
}

start_postfix() {
  if postfix_running; then
    return 0
  fi
  write_postfix_config
  # Creates the queue directories with the owners Postfix wants.
  need_root_cmd postfix -c "$PF_DIR" check >>"$PF_LOG" 2>&1 || fail_with_logs "postfix check failed" "$PF_LOG"
  # start-fg keeps the master in the foreground so that its log reaches the file; setsid detaches it from the
  # caller (test.sh's Ctrl-C must not take it down half-way).
  need_root_cmd setsid postfix -c "$PF_DIR" start-fg >>"$PF_LOG" 2>&1 </dev/null &
  wait_until 20 listening "$SMTP_PORT" || fail_with_logs "Postfix did not start on 127.0.0.1:$SMTP_PORT" "$PF_LOG"
}

stop_postfix() {
  if ! postfix_running; then
    return 0
  fi
  need_root_cmd postfix -c "$PF_DIR" stop >>"$PF_LOG" 2>&1
  wait_until 20 not postfix_running || fail_with_logs "Postfix did not stop" "$PF_LOG"
  wait_until 10 not listening "$SMTP_PORT" || fail_with_logs "127.0.0.1:$SMTP_PORT still answers after stopping Postfix" "$PF_LOG"
}

# --- commands --------------------------------------------------------------

cmd_start() {
  ensure_installed
  start_dovecot # first: Postfix delivers into it
  start_postfix
}

cmd_stop() {
  command -v postfix >/dev/null && stop_postfix
  command -v dovecot >/dev/null && stop_dovecot
  return 0
}

cmd_status() {
  local smtp imap
  smtp="$(postfix_running && echo running || echo stopped)"
  imap="$(dovecot_running && echo running || echo stopped)"
  echo "Postfix (SMTP 127.0.0.1:$SMTP_PORT): $smtp; Dovecot (IMAP 127.0.0.1:$IMAP_PORT, LMTP $LMTP_PORT): $imap; dir $MAIL_DIR"
  [ "$smtp" = running ] && [ "$imap" = running ] || exit 3
}

cmd_env() {
  echo "RATHAUS_TEST_SMTP=127.0.0.1:$SMTP_PORT"
  echo "RATHAUS_TEST_IMAP=127.0.0.1:$IMAP_PORT"
}

[ $# -eq 1 ] || usage
case "$1" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  stop-smtp) stop_postfix ;;
  start-smtp)
    ensure_installed
    start_postfix
    ;;
  *) usage ;;
esac
