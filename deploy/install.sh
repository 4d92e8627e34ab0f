#!/usr/bin/env bash
# Installs BusManager on Raspberry Pi OS / Debian without containers, as a systemd service:
#   sudo deploy/install.sh [path/to/busmanager.jar]
# - Java 21+ and PostgreSQL from Debian's packages (postgresql-client brings pg_dump for backups);
# - PostgreSQL tuned for a 2 GB Pi (deploy/postgresql.conf, listening on localhost only);
# - database user `busmanager` with a generated password, and the database `busmanager`;
# - /etc/busmanager/busmanager.env (mode 600) with that password and a generated JWT_SECRET;
# - the jar in /opt/busmanager, the unit busmanager.service, enabled and started;
# - /usr/local/bin/busmanager to run commands as the service does: `sudo busmanager create-user ...`.
# Running it again updates the jar, unit and tuning and keeps the passwords, secret and data.
set -euo pipefail

APP_DIR=/opt/busmanager
DATA_DIR=/var/lib/busmanager
ETC_DIR=/etc/busmanager
ENV_FILE=$ETC_DIR/busmanager.env
SERVICE_USER=busmanager
DB_NAME=busmanager
DB_USER=busmanager
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")

say() { printf '==> %s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }
random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

[[ $(id -u) -eq 0 ]] || die "run as root: sudo $0 $*"
command -v apt-get >/dev/null || die "this script is for Debian / Raspberry Pi OS (apt-get not found)"

jar=${1:-$REPO/target/busmanager.jar}
if [[ ! -f $jar ]]; then
  if [[ $# -eq 0 && -x $REPO/run.sh ]] && command -v mvn >/dev/null && command -v javac >/dev/null; then
    say "Building $jar"
    (cd "$REPO" && mvn -q -B -DskipTests package)
  fi
  [[ -f $jar ]] || die "no jar at $jar: build it (mvn -DskipTests package, or ./run.sh help) and copy target/busmanager.jar here, or pass its path"
fi

say "Installing Java and PostgreSQL"
apt-get update -q
java_package=""
for candidate in openjdk-25-jre-headless openjdk-21-jre-headless; do
  if apt-cache show "$candidate" >/dev/null 2>&1; then java_package=$candidate; break; fi
done
java_home=""
if [[ -n ${JAVA_HOME:-} && -x ${JAVA_HOME}/bin/java ]]; then
  java_home=$JAVA_HOME
elif [[ -z $java_package ]]; then
  die "this system offers no Java 21 or newer package (Debian 12 / Raspberry Pi OS 12 stop at Java 17).
Use Raspberry Pi OS or Debian 13 (trixie), or install a JDK 21+ yourself and run: sudo JAVA_HOME=/path/to/jdk $0"
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  ${java_package:+"$java_package"} postgresql postgresql-client
if [[ -z $java_home ]]; then
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  for dir in /usr/lib/jvm/java-25-openjdk-* /usr/lib/jvm/java-21-openjdk-*; do
    if [[ -x $dir/bin/java ]]; then java_home=$dir; break; fi
  done
fi
version=$("$java_home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
[[ ${version:-0} -ge 21 ]] || die "$java_home is Java ${version:-?}; BusManager needs 21 or newer"

say "Tuning PostgreSQL for a 2 GB Raspberry Pi"
pg_version=$(find /etc/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -n | tail -n1)
[[ -n $pg_version ]] || die "no PostgreSQL cluster under /etc/postgresql"
conf_dir=/etc/postgresql/$pg_version/main/conf.d
mkdir -p "$conf_dir"
{
  cat "$HERE/postgresql.conf"
  printf '\n# Bare metal: the API runs on this machine; nobody else needs to reach the database.\n'
  printf "listen_addresses = 'localhost'\n"
} > "$conf_dir/busmanager.conf"
systemctl enable postgresql >/dev/null
systemctl restart postgresql
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
pg_isready -q -h 127.0.0.1 || die "PostgreSQL did not come up; see journalctl -u postgresql"

say "Creating the service user and folders"
if ! id "$SERVICE_USER" >/dev/null 2>&1; then
  useradd --system --home-dir "$DATA_DIR" --shell /usr/sbin/nologin "$SERVICE_USER"
fi
install -d -m 750 -o "$SERVICE_USER" -g "$SERVICE_USER" "$DATA_DIR" "$DATA_DIR/uploads" "$DATA_DIR/backups"
install -d -m 755 "$APP_DIR"
install -d -m 700 "$ETC_DIR"

psql_admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 "$@"; }

role_exists=$(psql_admin -At -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")
if [[ -f $ENV_FILE && $role_exists == 1 ]]; then
  say "Keeping the existing database password and JWT secret ($ENV_FILE)"
else
  say "Creating database user $DB_USER with a generated password, and $ENV_FILE"
  db_password=$(random_hex 24)
  jwt_secret=$(random_hex 32)
  # The password goes to psql on standard input, never on a command line.
  if [[ $role_exists == 1 ]]; then verb=ALTER; else verb=CREATE; fi
  psql_admin <<SQL
$verb ROLE $DB_USER WITH LOGIN CREATEDB PASSWORD '$db_password';
SQL
  umask 077
  cat > "$ENV_FILE" <<ENV
# BusManager settings (see README: Configuration). Read by busmanager.service and /usr/local/bin/busmanager.
DATABASE_URL=postgresql://127.0.0.1:5432/$DB_NAME
POSTGRES_USER=$DB_USER
POSTGRES_PASSWORD=$db_password
JWT_SECRET=$jwt_secret
PORT=8000
UPLOAD_DIR=$DATA_DIR/uploads
BACKUP_DIR=$DATA_DIR/backups
# Nightly backup (HH:MM in BUSINESS_TIMEZONE); empty turns it off. The newest BACKUP_KEEP are kept.
BACKUP_AT=02:30
BACKUP_KEEP=14
BUSINESS_TIMEZONE=Asia/Kolkata
CORS_ORIGINS=*
# Serve the built frontend from the API's port: copy the build (index.html, assets/) there and uncomment.
#WEB_DIR=$APP_DIR/web
ENV
  umask 022
fi
chown root:root "$ENV_FILE"
chmod 600 "$ENV_FILE"
if [[ $(psql_admin -At -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'") != 1 ]]; then
  runuser -u postgres -- createdb -O "$DB_USER" "$DB_NAME"
fi

say "Installing the jar, the runtime link, the command and the service"
install -m 644 "$jar" "$APP_DIR/busmanager.jar"
[[ -f $REPO/README.md ]] && install -m 644 "$REPO/README.md" "$APP_DIR/README.md"
ln -sfn "$java_home" "$APP_DIR/jre"
cat > /usr/local/bin/busmanager <<'CMD'
#!/usr/bin/env bash
# Runs a BusManager command (create-user, backup, restore, migrate, healthcheck, help) with the service's
# settings and user. Needs root to read /etc/busmanager/busmanager.env: sudo busmanager backup
set -euo pipefail
set -a
# shellcheck disable=SC1091
. /etc/busmanager/busmanager.env
set +a
cd /var/lib/busmanager
exec runuser -u busmanager -- env MALLOC_ARENA_MAX=2 /opt/busmanager/jre/bin/java -XX:+UseSerialGC -Xmx64m \
  -XX:TieredStopAtLevel=1 -jar /opt/busmanager/busmanager.jar "$@"
CMD
chmod 755 /usr/local/bin/busmanager
install -m 644 "$HERE/busmanager.service" /etc/systemd/system/busmanager.service
systemctl daemon-reload
systemctl enable busmanager >/dev/null
systemctl restart busmanager

say "Waiting for the API to answer /health"
port=$(sed -n 's/^PORT=//p' "$ENV_FILE" | tail -n1)
healthy() {
  PORT=${port:-8000} "$APP_DIR/jre/bin/java" -XX:TieredStopAtLevel=1 -Xmx8m -jar "$APP_DIR/busmanager.jar" \
    healthcheck >/dev/null 2>&1
}
for _ in $(seq 1 90); do healthy && break; sleep 2; done
healthy || die "the service did not become healthy; see: journalctl -u busmanager -n 50"
say "BusManager is running on port ${port:-8000}"
cat <<NEXT

Next steps:
  sudo busmanager create-user --email owner@example.com --password 'a-long-password' --name "Office Admin" --role admin
  sudo busmanager backup            # archive in $DATA_DIR/backups
  journalctl -u busmanager -f       # logs
NEXT
