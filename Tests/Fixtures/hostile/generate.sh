#!/bin/sh
# Writes the small files of the hostile-input corpus (committed beside this script; run it
# again to regenerate them byte for byte). The big cases (100k nested tags, 5,000 unclosed
# quotes, a 5 MB line, a 1 MB digit string, 100k quote marks) and the file-system cases
# (unreadable files, symlink loops) are made at test time by HostileInputTests.swift, so
# that the repository stays small. Needs only sh, printf, head, seq, gzip and dd.
set -eu
cd "$(dirname "$0")"
rm -f ./*.html ./*.txt ./*.jsonl ./*.gz ./*.warc

article='"It works," said Jane Doe, the chief engineer. Costs fell 40% in 2023.'

# Deterministic "random" bytes: compressed output of a counting sequence.
seq 1 40000 | gzip -9n | dd bs=1 skip=64 count=8192 2>/dev/null > random-bytes.html
seq 40001 80000 | gzip -9n | dd bs=1 skip=64 count=8192 2>/dev/null > random-bytes.txt

# Invalid UTF-8: overlong forms, lone continuation bytes, surrogates, bytes F5-FF,
# a truncated 4-byte sequence at the end.
printf 'Before \300\200 \340\200\257 \200\277 \355\240\200 \365\377\376 after, "he said \342\200 it" \360\237\230' > invalid-utf8.txt
printf '<html><body><p>Before \300\200 \355\240\200 \377 after, \342\200\234she said\342\200 no.</p><p>\360\237</p></body></html>' > invalid-utf8.html

# UTF-16, with and without a byte order mark, as HTML and as text (ASCII → 16-bit units).
to16() { # $1 le|be; converts ASCII stdin to UTF-16 without BOM, byte by byte
  od -An -v -tx1 | tr -s ' \n' '\n\n' | grep -v '^$' | while read -r h; do
    if [ "$1" = le ]; then printf "\\$(printf %o 0x$h)\\000"; else printf "\\000\\$(printf %o 0x$h)"; fi
  done
}
page="<html><head><meta charset=\"utf-16\"><title>UTF-16</title></head><body><p>$article</p></body></html>"
{ printf '\377\376'; printf '%s' "$page" | to16 le; } > utf16le-bom.html
{ printf '\376\377'; printf '%s' "$page" | to16 be; } > utf16be-bom.html
printf '%s' "$page" | to16 le > utf16le-nobom.html
{ printf '\377\376'; printf '%s\n\n%s\n' "$article" "$article" | to16 le; } > utf16le-bom.txt
printf '%s\n\n%s\n' "$article" "$article" | to16 be > utf16be-nobom.txt

# NUL bytes inside the text and the markup.
printf '"It\000works," said Jane\000Doe.\n\n\000\000\000\n\nThe end.\000' > nul-bytes.txt
printf '<html><bo\000dy><p>"It\000works," said <b>Jane\000Doe</b>.</p>\000</body></html>' > nul-bytes.html

# Empty inputs.
: > empty.txt
: > empty.html
: > empty.jsonl

# A gzip member and a WARC cut short (read as archives where the reader supports them).
warc_record() {
  body="HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>$article</p></body></html>"
  len=$(printf "$body" | wc -c)
  printf "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/a\r\nWARC-Record-ID: <urn:uuid:12345678-0000-0000-0000-000000000001>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n$body\r\n\r\n" "$len"
}
warc_record | head -c 200 > truncated.warc
warc_record | gzip -9n | head -c 120 > truncated.warc.gz
{ printf '%s\n' "$article"; seq 1 2000; } | gzip -9n | head -c 300 > truncated.txt.gz

# JSON Lines with bad records between good ones.
{
  printf '{"id":"good-1","text":"%s"}\n' "$(printf '%s' "$article" | sed 's/"/\\"/g')"
  printf '{"id":"number-text","text":42}\n'
  printf '{"id":"null-text","text":null}\n'
  printf '{"id":"array-text","text":["a","b"]}\n'
  printf '{"id":"object-text","text":{"nested":"x"}}\n'
  printf '{"id":"missing-text","title":"no body"}\n'
  printf '{"id":["not","a","string"],"text":"An id that is an array."}\n'
  printf '[1,2,3]\n'
  printf '"just a string"\n'
  printf '{"id":"truncated","text":"cut here\n'
  printf '{"id":"bad-escape","text":"\\ud800 lone surrogate \\x41"}\n'
  printf '{"id":"deep","text":%s"x"%s}\n' "$(printf '[%.0s' $(seq 1 2000))" "$(printf ']%.0s' $(seq 1 2000))"
  printf '{"id":"huge-number","text":"ok","n":1e999999}\n'
  printf '\000\000\000\n'
  printf '{"id":"good-2","text":"The council said on Monday it would vote again."}\n'
} > bad-records.jsonl
