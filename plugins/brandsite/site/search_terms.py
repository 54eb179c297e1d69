"""Hidden index terms that let a brand be found by any word of its text and by pinyin.

Pagefind's Chinese segmenter (charabia on jieba's dictionary) cuts text with
jieba's accurate mode and then cuts every word of three or more characters
again from its start into dictionary bigrams (工作日 becomes 工作 + 日, 上下游
上下 + 游; see `index_tokens`), and a query word must start an indexed word.
So 工作日, 上下游 or 下游 find nothing as one word, and the browser splits the
query differently again (闭|环). `words` lists, per brand record, the words
of a search-mode segmentation of its text (jieba's words and every dictionary
word inside them) that the index would miss; `tail` adds them once to the
record's hidden end (search.py `fold_sections`): a two-character word as it
is, a longer one encoded as one ASCII word the segmenter leaves whole
(`encode`: 0x and four hex digits a character; search.js encodes a query the
same way). A brand's name is encoded from every character to its end
(`name_codes`), in both spellings, so any part of a name is one query word.
Text written in traditional characters gets its simplified spelling too
(`simplified`), so 楼栋 finds 樓棟長.

`pinyin_terms` gives a name's full pinyin (shuilianxin) and initials (slx)
for each reading the name can have: pypinyin's reading in context first,
then each character's other readings (heteronym mode), best first, so that
一家同行 is found as yijiatonghang and as yijiatongxing. Prefixes need
nothing more (a query word matches the start of an indexed word), and
search.js joins spaced pinyin (shui lian xin) before it searches.

All of it runs at build time, from the text that is indexed anyway: nothing
else of a brand reaches the index. jieba's dictionary and pypinyin's tables
ship inside their packages; nothing is fetched.
"""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser

from ..content import similarity
from ..content.dictionary import keep_dictionary_in  # noqa: F401 (the build's and leaks' call)
from ..content.dictionary import tokenizer as _jieba

# Readings of one character considered (pypinyin lists the common ones first).
READINGS = 3
# Full-pinyin spellings, and initials, indexed per name.
SPELLINGS = 8
CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
TAG = re.compile(r"<[^>]+>")
# What a name is encoded from (`name_codes`): search.js keeps the same characters of a query.
NAME_CHARS = re.compile(r"[\u3400-\u9fff\uf900-\ufaffa-z0-9]")
# Words of this many characters or more are looked inside.
COMPOUND = 3
# Longest word looked for inside a compound.
LONGEST = 8
# Longest stretch of text given to jieba's HMM at once (see _run).
HMM_PIECE = 200
# Two-character words this common in jieba's dictionary (公里, 服务, 工作) are not
# added where the text hides them in a longer word: such a word is in a great
# many records, so it adds most to the index chunks a first query downloads,
# and it is no word that finds one brand anyway.
COMMON = 10000

def plain(fragment: str) -> str:
    """Text of an HTML fragment, tags replaced by spaces."""
    return html.unescape(TAG.sub(" ", fragment))


class _IndexedText(HTMLParser):
    """The text of an HTML fragment that Pagefind indexes: not what is inside an element marked
    data-pagefind-ignore (a cluster page's brand cards, a chart's figures)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.ignored: str | None = None  # the tag of the ignored element we are in
        self.depth = 0  # its tag's elements open inside it, itself included

    def handle_starttag(self, tag, attrs):
        if self.ignored is None and any(name == "data-pagefind-ignore" for name, _ in attrs) and tag not in VOID:
            self.ignored, self.depth = tag, 1
        elif tag == self.ignored:
            self.depth += 1
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag == self.ignored:
            self.depth -= 1
            if not self.depth:
                self.ignored = None
        self.parts.append(" ")

    def handle_data(self, data):
        if self.ignored is None:
            self.parts.append(data)


VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


def indexed_text(fragment: str) -> str:
    """Text of an HTML fragment as Pagefind indexes it: tags replaced by spaces, elements
    marked data-pagefind-ignore left out."""
    if "data-pagefind-ignore" not in fragment:
        return plain(fragment)
    parser = _IndexedText()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)


def pair_words(text: str) -> list[str]:
    """The two-character words of `text` as the index gets them (党员, 服务: not 作成 of
    工作成效), each time it has them: what search.common_words counts."""
    found: list[str] = []
    for run in CJK_RUN.findall(text):
        if len(run) >= 2:
            found.extend(w for w in _run(run)[0] if len(w) == 2)
    return found


def index_tokens(run: str) -> list[str]:
    """The words Pagefind's Chinese segmenter (charabia, on jieba's dictionary)
    makes of a run of Chinese characters: jieba's accurate mode without HMM,
    then each word of three or more characters cut again from its start into
    a dictionary bigram, else a dictionary trigram, else one character. So
    工作日 is indexed as 工作 + 日, and a query for 工作日 finds no word."""
    return list(_run(run)[0])


def _pieces(dt, accurate: list[str]) -> list[str]:
    out = []
    for word in accurate:
        if len(word) <= 2:
            out.append(word)
            continue
        i = 0
        while i < len(word):
            for n in (2, 3, 1):
                piece = word[i:i + n]
                if len(piece) == n and (n == 1 or piece in dt.FREQ and dt.FREQ[piece]):
                    out.append(piece)
                    i += n
                    break
    return out


def words(text: str) -> tuple[list[str], list[str]]:
    """The words of `text` a query would miss as one word: (two-character words
    that are no word of the index and not COMMON, longer words), each once, in order.

    The words are those of a search-mode segmentation: jieba's accurate mode
    (with its HMM for unknown words, and without, as the index's segmenter
    cuts), and every dictionary word of two to LONGEST characters inside those
    words (jieba's cut_for_search takes the two- and three-character ones).
    Not every dictionary word the characters happen to spell across two words
    (心服 in 暖心服务): those would answer many queries with the wrong pages."""
    freq = _jieba().FREQ
    short: dict[str, None] = {}
    long: dict[str, None] = {}
    indexed: set[str] = set()  # the record's own index words: a word among them needs no help
    for run in CJK_RUN.findall(text):
        if len(run) < 2:
            continue
        tokens, found = _run(run)
        indexed.update(tokens)
        for word in found:
            (long if len(word) > 2 else short).setdefault(word)
    return [w for w in short if w not in indexed and freq.get(w, 0) < COMMON], list(long)


@functools.lru_cache(maxsize=1 << 16)
def _run(run: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A run of Chinese characters: (its index words, its search-mode words).
    Cached: labels and set phrases recur on every brand page."""
    dt = _jieba()
    freq = dt.FREQ
    accurate = list(dt.cut(run, HMM=False))
    found: dict[str, None] = {}
    # jieba's HMM is quadratic in a stretch of characters it has no word for (党党党…: 46 s for
    # 99,000): a long run goes to it in pieces, which no real sentence is longer than.
    guessed = [w for at in range(0, len(run), HMM_PIECE) for w in dt.cut(run[at:at + HMM_PIECE], HMM=True)]
    for word in [*guessed, *accurate]:
        n = len(word)
        if n >= 2 and freq.get(word):
            found.setdefault(word)
        for i in range(n - 1):
            for j in range(i + 2, min(n, i + LONGEST) + 1):
                if j - i < n and freq.get(word[i:j]):
                    found.setdefault(word[i:j])
    return tuple(_pieces(dt, accurate)), tuple(found)


def encode(word: str) -> str:
    """A Chinese word as one index word the segmenter leaves whole: 0x and four
    hex digits per character (search.js encodes a query the same way). A
    prefix of the word encodes to a prefix of its code."""
    return "0x" + "".join(f"{ord(c):04x}" for c in word)


def sub_words(text: str) -> list[str]:
    """Words of `text` a query would miss without the hidden terms, as the index gets them."""
    short, long = words(text)
    return short + [encode(w) for w in long]


def simplified(text: str) -> list[str]:
    """The simplified spelling of each run of `text` written in traditional characters
    (樓棟長 gives 楼栋长), each once: a visitor types simplified characters, and a query
    word must start an indexed word, so a brand written in traditional characters is
    found by 楼栋 only with these in its record."""
    runs = CJK_RUN.findall(text)
    converted = similarity.simplified("\n".join(runs)).split("\n") if runs else []
    return list(dict.fromkeys(s for r, s in zip(runs, converted) if s != r and len(s) == len(r)))


def _readings(name: str) -> list[list[str]]:
    """Per unit of the name (a Chinese character, or a run of letters and digits),
    its spellings best first: the reading in context, then the character's others."""
    from pypinyin import Style, lazy_pinyin, pinyin

    units = re.findall(r"[\u3400-\u9fff\uf900-\ufaff]|[A-Za-z0-9]+", name)
    context = lazy_pinyin("".join(units) if all(CJK_CHAR.match(u) for u in units) else name,
                          style=Style.NORMAL, errors="ignore")
    chars = [u for u in units if CJK_CHAR.match(u)]
    aligned = len(context) == len(chars)
    out, k = [], 0
    for unit in units:
        if not CJK_CHAR.match(unit):
            out.append([unit.lower()])
            continue
        spellings = [context[k]] if aligned else []
        k += 1
        read = pinyin(unit, heteronym=True, style=Style.NORMAL, errors="ignore")  # [] for a character it has no reading of (㐂)
        spellings += read[0][:READINGS] if read else []
        spellings = [s for s in dict.fromkeys(s.lower() for s in spellings) if s.isalpha()][:READINGS]
        # ü is written v by pypinyin; people type either
        spellings += [s.replace("v", "u") for s in spellings if "v" in s and s.replace("v", "u") not in spellings]
        if spellings:
            out.append(spellings)
    return out


def _best(options: list[list[str]], keep: int) -> list[str]:
    """The `keep` concatenations with the lowest sum of ranks (exact: a beam of
    `keep` prefixes, since every rank adds to the cost)."""
    beam = [("", 0)]
    for choices in options:
        beam = sorted(((text + c, cost + r) for text, cost in beam for r, c in enumerate(choices)),
                      key=lambda item: item[1])[:keep]
    return [text for text, _ in beam if text]


def _spellings(name: str, keep: int) -> tuple[list[str], list[str]]:
    """The `keep` likeliest full pinyin spellings of `name`, and its `keep` likeliest initials."""
    options = _readings(name)
    initials = [list(dict.fromkeys(s[0] for s in choices)) if choices[0].isalpha() else choices for choices in options]
    return _best(options, keep), _best(initials, keep)


def pinyin_terms(name: str) -> list[str]:
    """Full pinyin and initials of `name`, each reading it can have, best first. A name with
    letters or digits (12345连心桥, 1+N产业联盟) is spelled also without them: a visitor types
    lianxinqiao or cylm for its Chinese part."""
    full, initials = _spellings(name, SPELLINGS)
    chinese = "".join(CJK_CHAR.findall(name))
    if chinese and re.search(r"[A-Za-z0-9]", name):
        more_full, more_initials = _spellings(chinese, SPELLINGS // 2)
        full, initials = full + more_full, initials + more_initials
    return list(dict.fromkeys(full + [i for i in initials if len(i) > 1]))


def part_pinyin(name: str) -> list[str]:
    """The likeliest full pinyin of each part of the name from one of its words to its end, of
    two characters or more, and its initials from three: a visitor types the pinyin of a long
    name's core, not only of its start (hongsetiangeng, hstg, xianfeng for 青石岭镇“红色田埂”
    乡村振兴先锋行动). Its Chinese characters only, as pinyin_terms spells them too."""
    chinese, starts = "", []
    for run in CJK_RUN.findall(name):
        for word in _jieba().cut(run, HMM=False):
            starts.append(len(chinese))
            chinese += word
    out: dict[str, None] = {}
    for at in starts[1:]:
        if len(chinese) - at >= 2:  # a short part in two readings: 同行 is tongxing as well as tonghang
            full, initials = _spellings(chinese[at:], 2 if len(chinese) - at <= 4 else 1)
            out.update(dict.fromkeys(full + (initials[:1] if len(chinese) - at >= 3 else [])))
    return list(out)


def spelled(name: str) -> tuple[str, str] | None:
    """The name's likeliest full pinyin and initials (yijiatonghang, yjth), or None."""
    full, initials = _spellings(name, 1)
    return (full[0], initials[0]) if full else None


def name_codes(name: str, traditional: str | None = None) -> list[str]:
    """Every part of the name from a character to its end, of three characters or
    more, encoded (`encode`), also in the traditional spelling: a query for a part
    of a name is one word then (里红盏 for 邻里红盏, 鄰里紅盞 for the whole).
    Letters and digits count (青禾连心e站), lower-cased; other signs do not."""
    out: dict[str, None] = {}
    for text in dict.fromkeys("".join(NAME_CHARS.findall(t.lower())) for t in (name, traditional or name)):
        if not CJK_CHAR.search(text):
            continue
        for i in range(len(text) - 2):
            out.setdefault(encode(text[i:]))
    return list(out)


def tail(record_html: str, name: str | None, traditional: str | None = None) -> str:
    """The hidden HTML to add at the end of a record: its name's pinyin and encoded
    parts (weighted like the name; a brand's record only), and the words of its text
    that a query would not find otherwise (`sub_words`), of the text Pagefind indexes
    (`indexed_text`: not a cluster page's brand cards)."""
    parts = []
    if name:
        spellings = list(dict.fromkeys(pinyin_terms(name) + part_pinyin(name))) + name_codes(name, traditional)
        if spellings:
            parts.append(f'<p class="bs-search-pinyin" data-pagefind-weight="8">{" ".join(spellings)}</p>')
    text = indexed_text(record_html)
    spelled = simplified(text)
    # the simplified runs as text (the index cuts them as it cuts any text), then the words
    # of both spellings the index would miss
    words = list(dict.fromkeys(spelled + sub_words(text) + (sub_words(" ".join(spelled)) if spelled else [])))
    if words:
        parts.append(f'<p class="bs-search-words">{" ".join(words)}</p>')
    return "\n".join(parts)
