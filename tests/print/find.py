"""How often a phrase occurs in text that pdftotext took out of a PDF.

    python3 tests/print/find.py PHRASE < page.txt   # prints the count

Latin text is matched as it is. Right-to-left text comes out of pdftotext
in the order it is drawn, each line's words right to left, and Arabic
letters in the shapes they take in a word (presentation forms), with the
two letters of the lam-alef ligature swapped and vowel marks moved. So a
phrase in a right-to-left script counts on a line where each of its words
occurs, the words compared in NFKC form, without vowel marks and without
the letters lam and alef.
"""

import collections
import re
import sys
import unicodedata

BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), " ")
LAM_ALEF = dict.fromkeys(map(ord, "\u0644\u0627\u0622\u0623\u0625\u0671"))
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def plain(text):
    return unicodedata.normalize("NFKC", text).translate(BIDI_CONTROLS)


def words(text):
    bare = "".join(c for c in text.translate(LAM_ALEF) if unicodedata.category(c) != "Mn")
    return collections.Counter(re.findall(r"\w+", bare))


def count(phrase, text):
    phrase, text = plain(phrase), plain(text)
    if not RTL.search(phrase):
        return text.count(phrase)
    wanted = words(phrase)
    total = 0
    for line in text.splitlines():
        have = words(line)
        total += min((have[w] // n for w, n in wanted.items()), default=0)
    return total


if __name__ == "__main__":
    print(count(sys.argv[1], sys.stdin.read()))
