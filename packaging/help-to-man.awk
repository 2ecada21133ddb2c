# One command's --help as man(7) text that troff fills to the reader's width (make-docs.sh).
# The help is written for an 80-column terminal with options in a column; copied verbatim
# (.nf) under a man page's indent, its lines ran past 80 columns. Here:
#   "  --opt ARG    text" (+ lines indented further)  -> .TP: the option, then its text, filled
#                                                       ("  [--opt] ARG" too)
#   "  1. text" (+ lines indented further)           -> .IP 1.
#   Heading: (column 0, ends with a colon, starts a paragraph or follows an option) -> bold
#   "  {..." / "  \"..." (JSON examples)             -> kept as written (.nf), less 2 spaces
#   "Usage: ..." (+ indented lines)                   -> the synopsis, each command on a line
#   anything else                                     -> filled text; a blank line, a paragraph
# Every backslash is escaped, every '-' is a minus (\-: copied from the page, options work),
# and a line that would start with '.' or '\'' is protected with \&.
function esc(s) {
    gsub(/\\/, "\\e", s)
    gsub(/-/, "\\-", s)
    if (s ~ /^[.']/)
        s = "\\&" s
    return s
}
function trim(s) {
    sub(/^[ \t]+/, "", s)
    sub(/[ \t]+$/, "", s)
    return s
}
# Starts a paragraph unless one was just started (two .PP would leave two blank lines).
function paragraph() {
    if (!fresh)
        print ".PP"
    fresh = 1
}
function emit(s) {
    print s
    fresh = 0
}
BEGIN {
    mode = "text"
    nofill = 0
    fresh = 1
    # Left-aligned, unhyphenated: option names and file names stay whole.
    print ".nh"
    print ".ad l"
}
{
    line = $0
    text = trim(line)
    match(line, /^ */)
    indent = RLENGTH
    if (nofill && (text == "" || indent < 2 || text ~ /^-/)) {
        print ".fi"
        nofill = 0
    }
    if (text == "") {
        paragraph()
        mode = "text"
        next
    }
    if (nofill) {
        emit(esc(substr(line, 3)))
        next
    }
    if (indent >= 1 && indent <= 6 && text ~ /^(-|\[-)/) {
        # An option: its name and arguments end at the first run of two spaces.
        gap = index(text, "  ")
        tag = gap ? substr(text, 1, gap - 1) : text
        rest = gap ? trim(substr(text, gap)) : ""
        emit(".TP")
        emit("\\fB" esc(tag) "\\fR")
        if (rest != "")
            emit(esc(rest))
        mode = "item"
        itemIndent = indent
        next
    }
    if (indent >= 1 && indent <= 6 && text ~ /^[0-9]+\. /) {
        n = substr(text, 1, index(text, " ") - 1)
        emit(".IP " n " 4")
        emit(esc(trim(substr(text, length(n) + 1))))
        mode = "item"
        itemIndent = indent
        next
    }
    if (mode == "item" && indent > itemIndent) {
        emit(esc(text))
        next
    }
    if (indent >= 2 && text ~ /^["{]/) {
        paragraph()
        emit(".nf")
        emit(esc(substr(line, 3)))
        nofill = 1
        mode = "text"
        next
    }
    heading = indent == 0 && text ~ /:$/ && text !~ /^Usage:/ && (fresh || mode != "text")
    # The synopsis ends at the first line back at column 0.
    if ((mode != "text" && !(mode == "usage" && indent > 0)) || heading)
        paragraph()
    mode = text ~ /^Usage:/ || (mode == "usage" && indent > 0) ? "usage" : "text"
    if (heading) {
        emit("\\fB" esc(text) "\\fR")
        emit(".br")
        next
    }
    # A second synopsis line ("       transferlab-cli weights verify ...") starts a line.
    if (indent > 0 && text ~ /^transferlab-cli /)
        emit(".br")
    emit(esc(text))
}
END {
    if (nofill)
        print ".fi"
}
