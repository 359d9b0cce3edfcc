#!/usr/bin/env bash
# Fetches the GeoIP country database that the tests use into counter-service/target/geoip/.
# The database is ip-location-db's geo-whois-asn-country (MaxMind DB format, IPv4 and IPv6,
# CC0-1.0), published as the npm package @ip-location-db/geo-whois-asn-country-mmdb.
# It is not kept in the repository. Without it, the tests that need it are skipped.
set -euo pipefail

package="@ip-location-db/geo-whois-asn-country-mmdb"
module_dir="$(cd "$(dirname "$0")/../.." && pwd)"
target_dir="$module_dir/target/geoip"
database="$target_dir/geo-whois-asn-country.mmdb"

if [ -s "$database" ]; then
    echo "fetch-geoip.sh: $database exists already"
    exit 0
fi

mkdir -p "$target_dir"
work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT

tarball="$(cd "$work_dir" && npm pack --silent "$package" | tail -n 1)"
tar -xzf "$work_dir/$tarball" -C "$work_dir"
found="$(find "$work_dir/package" -name 'geo-whois-asn-country.mmdb' | head -n 1)"
if [ -z "$found" ]; then
    echo "fetch-geoip.sh: $tarball contains no geo-whois-asn-country.mmdb" >&2
    exit 1
fi
mv "$found" "$database"
echo "fetch-geoip.sh: stored $database from $tarball"
