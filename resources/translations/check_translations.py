#!/usr/bin/env python3
"""Fails when a shipped language has an unfinished string.

Runs lupdate over the sources into a copy of each .ts file (so a string added to the code but
not to the .ts counts as unfinished, as it would be after `update_translations`), then reads the
copy: every message needs a finished translation (each plural form for %n strings) that keeps
the source's placeholders (%1, %n...). lrelease must compile it and report 0 unfinished.
"""
import argparse, os, re, shutil, subprocess, sys
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r'%L?\d+|%n')


def check(ts_path, out):
    root = ET.parse(ts_path).getroot()
    language = root.get('language', '?')
    total = finished = 0
    problems = []
    for context in root.iter('context'):
        cname = context.findtext('name', '')
        for message in context.iter('message'):
            translation = message.find('translation')
            kind = translation.get('type', '') if translation is not None else 'missing'
            if kind in ('vanished', 'obsolete'):
                continue
            total += 1
            source = message.findtext('source', '')
            forms = translation.findall('numerusform') if translation is not None else []
            texts = [f.text or '' for f in forms] if message.get('numerus') == 'yes' else \
                [translation.text or '' if translation is not None else '']
            why = None
            if kind == 'unfinished':
                why = 'unfinished'
            elif any(not t.strip() for t in texts):
                why = 'empty'
            else:
                wanted = set(PLACEHOLDER.findall(source))
                for t in texts:
                    missing = wanted - set(PLACEHOLDER.findall(t)) - {'%n'}
                    if missing:
                        why = 'lost placeholder ' + ', '.join(sorted(missing))
            if why:
                problems.append(f'{language} [{cname}] {why}: {source[:90]!r}')
            else:
                finished += 1
    out.write(f'{os.path.basename(ts_path)} ({language}): {finished} of {total} strings '
              f'finished\n')
    return total, problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--lupdate', required=True)
    ap.add_argument('--lrelease', required=True)
    ap.add_argument('--work', required=True)
    ap.add_argument('--sources', nargs='+', required=True)
    ap.add_argument('--ts', nargs='+', required=True)
    ap.add_argument('--plural-only', nargs='*', default=[],
                    help='.ts files with the plural forms only (English)')
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    problems = []
    for ts in args.ts + args.plural_only:
        plural = ts in args.plural_only
        copy = os.path.join(args.work, os.path.basename(ts))
        shutil.copyfile(ts, copy)
        subprocess.run([args.lupdate, '-locations', 'none', '-no-obsolete', '-silent',
                        *(['-pluralonly'] if plural else []), *args.sources, '-ts', copy],
                       check=True)
        total, found = check(copy, sys.stdout)
        if total < (3 if plural else 100):
            found.append(f'{ts}: only {total} strings: lupdate found too few (wrong sources?)')
        problems += found
        release = subprocess.run([args.lrelease, copy, '-qm', copy[:-3] + '.qm'],
                                 capture_output=True, text=True, check=True)
        line = next((l for l in release.stdout.splitlines() if 'Generated' in l), '')
        print('  lrelease:', line.strip())
        m = re.search(r'(\d+) unfinished', line)
        if not m or m.group(1) != '0':
            problems.append(f'{ts}: lrelease reports: {line.strip() or release.stdout}')
    for p in problems[:60]:
        print('FAIL', p)
    if len(problems) > 60:
        print(f'... and {len(problems) - 60} more')
    print(f'{len(problems)} problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
