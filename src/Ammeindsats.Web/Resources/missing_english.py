# Lists every Danish text the UI looks up through SharedResource that has no English entry in texts.py.
# Sources: L["..."] in Features/**/*.cshtml, ErrorMessage/Display(Name) in DataAnnotations, and the Danish
# names that pages pass to L[...] from code (roles, area types, user statuses, audit names, module names ...).
# Run: python3 Resources/missing_english.py   (exit code 1 when something is missing; --keys lists only the keys)
import glob
import os
import re
import runpy
import sys

here = os.path.dirname(os.path.abspath(__file__))
web = os.path.dirname(here)
src = os.path.dirname(web)

STRING = r'"((?:[^"\\]|\\.)*)"'


def unescape(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


used = {}  # key -> first place it is used


def add(key, where):
    used.setdefault(key, where)


# 1. Literal keys in the views.
for path in sorted(glob.glob(os.path.join(web, "Features", "**", "*.cshtml"), recursive=True)):
    for m in re.finditer(r'\bL\[\s*@?' + STRING, read(path)):
        add(unescape(m.group(1)), os.path.relpath(path, web))

# 2. DataAnnotations messages and display names in code (localized through SharedResource).
for path in sorted(glob.glob(os.path.join(web, "**", "*.cs"), recursive=True)):
    text = read(path)
    for m in re.finditer(r'\bErrorMessage\s*=\s*' + STRING, text):
        add(unescape(m.group(1)), os.path.relpath(path, web))
    for m in re.finditer(r'\[Display\(([^)]*)\)', text):
        for d in re.finditer(r'\b(?:Name|Description|Prompt|ShortName|GroupName)\s*=\s*' + STRING, m.group(1)):
            add(unescape(d.group(1)), os.path.relpath(path, web))
    for m in re.finditer(r'\b(?:_l|_localizer|localizer|L)\[\s*' + STRING, text):
        add(unescape(m.group(1)), os.path.relpath(path, web))


# 3. Texts computed in code and passed to L[...] by the views.
def strings_in(path, start, end, pattern=r'(?:=>|=|\(|,|\?|:)\s*' + STRING):
    """The text values (after =>, = or in a tuple) between `start` and the next `end` in a source file."""
    text = read(os.path.join(src, path))
    i = text.index(start)
    j = text.index(end, i)
    return [unescape(s) for s in re.findall(pattern, text[i:j])]


dynamic = [
    ("Ammeindsats.Core/Access/Role.cs", "DanishName(this Role", "EnglishName"),
    ("Ammeindsats.Core/Areas/AreaType.cs", "DanishName(this AreaType", "EnglishName"),
    ("Ammeindsats.Web/Features/Administration/Users/UserDirectory.cs", "DanishName(this UserStatus", "};"),
    ("Ammeindsats.Web/Features/Administration/Users/UserDirectory.cs", "AreaHint(Role role)", "AreaChoicesAsync"),
    ("Ammeindsats.Web/Features/History/AuditTrailView.cs", "EntityNames", "};"),
    ("Ammeindsats.Web/Features/History/AuditTrailView.cs", "ActionNames", "};"),
    ("Ammeindsats.Web/Features/Home/Upcoming.cshtml.cs", "Modules", "};"),
    ("Ammeindsats.Web/Features/Areas/Detail.cshtml.cs", 'new ChildGroup("', "}"),
    ("Ammeindsats.Web/Features/Administration/Areas/Index.cshtml.cs", "public string State", "}"),
    ("Ammeindsats.Web/Features/Accounts/Invitation.cshtml.cs", "PasswordPolicy", ";"),
]
for path, start, end in dynamic:
    for s in strings_in(path, start, end):
        add(s, path + " (code)")
# The membership tables get their caption and header from Administration/Areas/Edit.cshtml.
for m in re.finditer(r'MembershipTable\(' + STRING + r',\s*' + STRING, read(os.path.join(web, "Features/Administration/Areas/Edit.cshtml"))):
    add(unescape(m.group(1)), "Features/Administration/Areas/Edit.cshtml")
    add(unescape(m.group(2)), "Features/Administration/Areas/Edit.cshtml")

# Compare with the table without writing the .resx files.
table = read(os.path.join(here, "texts.py"))
table = table[:table.index("def write(")]
ns = {}
exec(compile(table, "texts.py", "exec"), ns)
english = ns["english"]

# .resx names are case-insensitive: "af" and "Af" cannot both have an entry (the build drops one with
# warning MSB3568), so a key whose only entry differs in case needs new wording in the view instead.
lower = {k.lower(): k for k in english}
missing = [(k, w) for k, w in used.items() if k not in english and k.lower() not in lower]
clashes = [(k, w) for k, w in used.items() if k not in english and k.lower() in lower]
if "--keys" in sys.argv:
    for k, _ in missing:
        print(k)
else:
    for k, w in sorted(missing, key=lambda kw: (kw[1], kw[0])):
        print(f"{w}: {k}")
    for k, w in sorted(clashes, key=lambda kw: (kw[1], kw[0])):
        print(f"{w}: {k}   (cannot be translated: clashes with the entry \"{lower[k.lower()]}\"; reword the view)")
    print(f"{len(used)} texts used, {len(missing)} without English, {len(clashes)} that differ only in case from another entry", file=sys.stderr)
sys.exit(1 if missing else 0)
