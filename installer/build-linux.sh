#!/usr/bin/env bash
# Builds the installable console from target/billing-console.jar with JDK 17's jpackage (called by
# `mvn -Pinstaller package`): a trimmed runtime (installer/modules.txt), a Linux app-image and a .deb whose Depends
# name the libraries JavaFX needs, with the desktop entry and icon from installer/linux. The start-up class list for
# AppCDS is recorded by starting the console once under Xvfb until its first screen shows data; the .deb's postinst
# turns it into an archive for the installed paths.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=${1:-1.0.0}
VERSION=${VERSION%-SNAPSHOT}
OUT=target/installer
rm -rf "$OUT"
mkdir -p "$OUT/input"
cp target/billing-console.jar "$OUT/input/"

# 1. the classes loaded until the first screen with data, recorded on the demo database
if command -v xvfb-run >/dev/null; then
    echo "Recording the start-up class list (console under Xvfb until its first screen shows data)..."
    CONSOLE_DB_USER=demo_admin CONSOLE_DB_PASSWORD=demo timeout 300 xvfb-run -a -s "-screen 0 1280x800x24" \
        java -XX:DumpLoadedClassList="$OUT/input/classes.lst" -Dconsole.exitAfterFirstData=true \
        -jar target/billing-console.jar --home "$OUT/training-home" >"$OUT/training.log" 2>&1 \
        || { echo "The training start failed; see $OUT/training.log" >&2; exit 1; }
else
    echo "xvfb-run is missing (apt-get install xvfb): recording the class list from the command line only." >&2
    java -XX:DumpLoadedClassList="$OUT/input/classes.lst" -jar target/billing-console.jar --home "$OUT/training-home" version >/dev/null
fi
rm -rf "$OUT/training-home"
echo "Class list: $(wc -l < "$OUT/input/classes.lst") classes"

# 2. the app-image: trimmed runtime, launcher, the class archive it looks for next to the jar
jpackage --type app-image --name billing-console --app-version "$VERSION" --vendor "Antevus" \
    --description "Billing Console: usage, invoices, contracts and verifications" \
    --input "$OUT/input" --main-jar billing-console.jar --main-class com.antevus.console.Main \
    --add-modules "$(tr -d ' \n' < installer/modules.txt)" \
    --jlink-options "--strip-debug --no-man-pages --no-header-files" \
    --java-options '-XX:SharedArchiveFile=$APPDIR/billing-console.jsa' --java-options '-Xshare:auto' \
    --icon installer/billing-console.png --dest "$OUT"
# an archive for the app-image where it stands (the .deb builds its own at install, for /opt)
"$OUT/billing-console/lib/runtime/bin/java" -Xshare:dump -XX:SharedClassListFile="$OUT/billing-console/lib/app/classes.lst" \
    -XX:SharedArchiveFile="$OUT/billing-console/lib/app/billing-console.jsa" \
    -cp "$OUT/billing-console/lib/app/billing-console.jar" >"$OUT/cds-dump.log" 2>&1 || echo "App-image class archive not built; see $OUT/cds-dump.log" >&2
mv "$OUT/billing-console/lib/app/billing-console.jsa" "$OUT/app-image.jsa" 2>/dev/null || true  # not shipped in the .deb

# 3. the .deb, installing to /opt/billing-console with a menu entry
jpackage --type deb --app-image "$OUT/billing-console" --name billing-console --app-version "$VERSION" --vendor "Antevus" \
    --description "Billing Console: usage, invoices, contracts and verifications" \
    --linux-package-name billing-console --linux-deb-maintainer "billing-console@antevus.example" \
    --linux-menu-group "Office;Finance" --linux-app-category misc --linux-shortcut \
    --linux-package-deps "libgtk-3-0, libgl1, libx11-6, libxtst6, libxxf86vm1, libasound2, libfreetype6, libfontconfig1" \
    --resource-dir installer/linux --dest "$OUT"
mv "$OUT/app-image.jsa" "$OUT/billing-console/lib/app/billing-console.jsa" 2>/dev/null || true
ls -la "$OUT"/*.deb
du -sh "$OUT/billing-console"
