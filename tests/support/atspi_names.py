#!/usr/bin/python3
"""What a screen reader sees of TransferLab's window over AT-SPI (the bus Orca reads).

atspi_names.py                 the interactive controls and how many have a name
atspi_names.py --list-unnamed  ... and which have none
atspi_names.py --names         the names of the tabs, menus and menu items, one a line

Run with the window open on the same display and D-Bus session, started with
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1: tests/support/atspi_check.sh does all of it under Xvfb.
Needs Debian's python3-pyatspi (/usr/bin/python3)."""
import sys, time, pyatspi

INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_SLIDER, pyatspi.ROLE_LIST, pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE,
    pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_DIAL, pyatspi.ROLE_CHART, pyatspi.ROLE_CANVAS,
    pyatspi.ROLE_IMAGE_MAP, pyatspi.ROLE_DRAWING_AREA,
}

def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name and 'transferlab' in app.name.lower():
            return app
    return None

def walk(node, depth, out, path):
    if node is None or depth > 60:
        return
    try:
        role = node.getRole()
        name = node.name or ''
    except Exception:
        return
    here = path + [node.getRoleName() + ':' + name[:30]]
    editable = False
    if role == pyatspi.ROLE_TEXT:
        try:
            editable = node.getState().contains(pyatspi.STATE_EDITABLE)
        except Exception:
            pass
    if role in INTERACTIVE or editable:
        out.append((node.getRoleName(), name, '/'.join(here[-3:])))
    if role in (pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_TREE, pyatspi.ROLE_LIST):
        return  # cells are items, not controls
    try:
        n = node.childCount
    except Exception:
        return
    for i in range(n):
        try:
            walk(node.getChildAtIndex(i), depth + 1, out, here)
        except Exception:
            pass

def tabs_and_menus(app):
    names = []
    def rec(node, depth):
        if node is None or depth > 60:
            return
        try:
            role = node.getRole()
        except Exception:
            return
        if role in (pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_MENU, pyatspi.ROLE_MENU_ITEM):
            if node.name:
                names.append((node.getRoleName(), node.name))
        if role in (pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_LIST):
            return
        for i in range(node.childCount):
            try:
                rec(node.getChildAtIndex(i), depth + 1)
            except Exception:
                pass
    rec(app, 0)
    return names

def main():
    app = None
    for _ in range(60):
        app = find_app()
        if app is not None and app.childCount > 0:
            break
        time.sleep(1)
    if app is None:
        print('TransferLab not found on the AT-SPI bus'); sys.exit(1)
    if '--names' in sys.argv:
        for role, name in tabs_and_menus(app):
            print(f'{role}\t{name}')
        return
    out = []
    walk(app, 0, out, [])
    named = [o for o in out if o[1].strip()]
    print(f'interactive controls: {len(out)}, named: {len(named)} ({100.0*len(named)/max(1,len(out)):.1f} %)')
    if '--list-unnamed' in sys.argv:
        for o in out:
            if not o[1].strip():
                print('  unnamed', o[0], o[2])

main()
