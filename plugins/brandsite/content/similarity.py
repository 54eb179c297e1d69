"""Near-duplicate brands (差异性, 避免雷同). No MkDocs imports.

Three checks, each a warning that names both brands and the similarity:

* names equal after normalisation: NFKC (full-width/half-width), traditional
  to simplified (OpenCC), case, and with spaces and punctuation removed;
* similar names (Dice coefficient of character bigrams) or connotations
  (Jaccard index of character 4-grams);
* the same or a similar logo (similar_logos.py; SVG logos compare by their
  normalised markup).

Nothing compares all pairs. Candidate pairs come from an inverted index of
n-grams, skipping grams so common that they say nothing (set phrases such as
“服务群众”); logos, by bands of their hashes (similar_logos.py).

Pairs a reviewer has looked at (`reviewed_similar` in either brand.yml) are
reported at level "info": still shown on the review page, never failing a
strict build.

Thresholds, chosen on the sample brands (whose most similar distinct pair
scores 0.33 for names and 0.03 for connotations):
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from functools import lru_cache
from itertools import combinations

from .field_rules import PLACEHOLDER_PHRASES
from .model import Problem
from .names import INVISIBLE, clean_relpath, inside
from .names import key as name_key
from .plaintext import plain_text
from .similar_logos import LOGO_SIDE, logo_key, logo_pairs

KIND = "near-duplicate"  # Problem.kind of these warnings; the review rubric reuses them
NAME_DICE = 0.75  # e.g. 连心桥 / 连心桥驿站 scores 0.8
CONNOTATION_JACCARD = 0.5  # copied text with a few words changed scores well above
REVIEWED = "reviewed_similar"  # brand.yml: slugs of brands a reviewer found distinct from this one
GRAM = 4  # characters per connotation shingle
SAMPLE_CONNOTATION = PLACEHOLDER_PHRASES["connotation"]
COMMON_SHARE = 0.05  # a gram in more than 5% of brands (and > 20) is not a clue...
COMMON_LIMIT = 50  # ...nor one in more than 50: pairs per gram grow with the square of its brands


@lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc

        return opencc.OpenCC("t2s").convert
    except Exception:  # the converter is optional: without it, no traditional folding
        return lambda text: text


def simplified(text: str) -> str:
    """Text in simplified characters (opencc t2s), for folding and for the search index."""
    return _t2s()(text)


def fold(text: str) -> str:
    """Fold width, script (traditional to simplified) and case."""
    return _t2s()(unicodedata.normalize("NFKC", text)).lower()


def normalise(text: str) -> str:
    """Fold width, script and case; drop spaces and punctuation."""
    return "".join(c for c in INVISIBLE.sub("", fold(text)) if not unicodedata.category(c)[0] in "PZSC")


def grams(text: str, n: int) -> set[str]:
    if len(text) <= n:
        return {text} if text else set()
    return {text[i:i + n] for i in range(len(text) - n + 1)}


def dice(a: set, b: set) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def jaccard(a: set, b: set) -> float:
    if not (a and b):
        return 0.0
    shared = len(a & b)  # the union's size without building the union
    return shared / (len(a) + len(b) - shared)


def candidate_pairs(sets: list[set], min_shared: int = 1) -> set[tuple[int, int]]:
    """Index pairs sharing at least `min_shared` uncommon grams.

    A gram in more than max(20, min(5% of the sets, COMMON_LIMIT)) sets is a
    common phrase, not a clue. Without the fixed cap the pairs grew with the
    square of the brand count: 2.4 million pairs and 40 s at 4,000 synthetic
    brands (whose texts share stock phrases), against 2 s with it. The cap
    equals 5% at 1,000 brands, so smaller sites are checked as before."""
    shared, _ = shared_grams(sets)
    return {pair for pair, count in shared.items() if count >= min_shared}


def shared_grams(sets: list[set]) -> tuple[dict[tuple[int, int], int], list[int]]:
    """For `candidate_pairs`: how many uncommon grams each pair shares, and how
    many common grams each set has."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, items in enumerate(sets):
        for gram in items:
            postings[gram].append(i)
    limit = max(20, min(int(len(sets) * COMMON_SHARE), COMMON_LIMIT))
    shared: dict[tuple[int, int], int] = defaultdict(int)
    common = [0] * len(sets)
    for ids in postings.values():
        if len(ids) > limit:
            for i in ids:
                common[i] += 1
        elif len(ids) > 1:
            for pair in combinations(ids, 2):
                shared[pair] += 1
    return shared, common


def may_reach(threshold: float, uncommon: int, common_a: int, common_b: int, size_a: int, size_b: int) -> bool:
    """Whether two gram sets could have a Jaccard score of `threshold` or more,
    knowing that they share `uncommon` uncommon grams: at best they also share
    all the common grams of the one with fewer. J = s / (a + b - s) >= t
    exactly when s >= t (a + b) / (1 + t)."""
    most = uncommon + min(common_a, common_b)
    return most * (1 + threshold) >= threshold * (size_a + size_b) - 1e-9


def established(src) -> int:
    """The year a brand was established, for telling the newer of two. A brand without one (an
    error of its own) counts as the newer: a copy half filled in more often than an original."""
    year = src.data.get("established")
    return year if isinstance(year, int) and not isinstance(year, bool) else 10_000


def newer_last(src) -> tuple:
    """Sorts brands oldest first, to tell the newer of two alike: established later; in the same year
    (a copied folder keeps the year), the folder named less after the brand's name (gu-cheng-qiao is
    古城桥's, bei-guan-qiao its copy for another brand, its name not yet changed); then the later folder."""
    from .slugs import syllables

    name = src.data.get("name")
    spelled = syllables(name) if isinstance(name, str) else set()
    parts = [part for part in src.slug.split("-") if part]
    named_after = sum(part in spelled for part in parts) / len(parts) if parts else 0.0
    return established(src), -named_after, src.slug


def _plain(markdown: str) -> str:
    return normalise(plain_text(markdown))


def reviewed(a, b) -> bool:
    """Whether a reviewer recorded, in either brand.yml, that the two brands are distinct."""
    def listed(src, other) -> bool:
        names = src.data.get(REVIEWED)
        return isinstance(names, list) and other.slug in names

    return listed(a, b) or listed(b, a)


def pair_inputs(src, known: dict | None = None) -> tuple:
    """What a brand brings to the near-duplicate check beyond its text: its logo and the pairs reviewed."""
    names = src.data.get(REVIEWED)
    return _logo(src, known), tuple(n for n in names if isinstance(n, str)) if isinstance(names, list) else ()


LOGO_SAYS = {
    "file": lambda share: "相同（文件内容完全一致）",
    "pixels": lambda share: "相同（像素完全一致）",
    "svg": lambda share: "相同（SVG 内容一致）",
    "similar": lambda share: (f"相似（去掉留白、缩到 {LOGO_SIDE}×{LOGO_SIDE} 像素比较，明显不同的像素只占 {share:.1%}），"
                              "像是同一标识缩放、压缩、加边或调色后的版本"),
}


def near_duplicates(sources, memo=None) -> list[Problem]:
    """Warnings for brands that look like the same brand twice.

    `memo` (a memo.FolderMemo) keeps connotation scores by text pair and logo
    keys by file, so a rebuild after one edit scores only the changed brand's pairs."""
    scores = memo.scores if memo is not None else {}
    items = [s for s in sources if isinstance(s.data.get("name"), str)]
    names = [normalise(s.data["name"]) for s in items]
    problems: list[Problem] = []
    reported: set[tuple[int, int]] = set()

    flagged: set[tuple] = set()

    def warn(i: int, j: int, field: str, message: str, reviewable: bool = True) -> None:
        # One warning per brand and check, naming the first match: a group of
        # ten copies gives nine warnings, not forty-five. A pair a reviewer
        # recorded as distinct is an "info" that takes no warning's place. The brand told is the
        # newer one (newer_last), the copy more often than not.
        if field != "name" or reviewable:
            i, j = sorted((i, j), key=lambda k: (newer_last(items[k]), k))
        a, b = items[i], items[j]
        text = message.format(other=a.yml, a=a.data.get("name"), b=b.data.get("name"))
        if reviewable and reviewed(a, b):
            if (i, j, field) not in flagged:
                flagged.add((i, j, field))
                problems.append(Problem(b.yml, b.line(field), f"{text.split('。')[0]}。已人工审核，确认不是重复（{REVIEWED}）",
                                        "info", kind=KIND))
            return
        if (j, field) in flagged:
            return
        flagged.add((j, field))
        reported.add((i, j))
        problems.append(Problem(b.yml, b.line(field), text, "warning", kind=KIND))

    by_name: dict[str, list[int]] = defaultdict(list)
    for i, name in enumerate(names):
        by_name[name].append(i)
    for ids in by_name.values():
        for j in ids[1:]:
            i = ids[0]
            # Names equal but for width, case and invisible characters are an error (rules.unique_names).
            # Both files are told: which of the two is the newcomer, folder order cannot say,
            # and the editor of either may be the one looking at the preview. One name is one
            # name whatever a reviewer records: reviewed_similar does not make it a note.
            if name_key(items[i].data["name"]) != name_key(items[j].data["name"]):
                for a, b in ((i, j), (j, i)):
                    warn(a, b, "name", "品牌名称“{b}”与 {other} 的“{a}”只差全角/半角、空格、标点或繁简体，实际是同一个名称。请确认是否重复申报，并改用有区别的名称",
                         reviewable=False)

    # Each brand is told of its closest match: pairs in order of their score, highest first.
    name_grams = [grams(n, 2) for n in names]
    close = []
    for i, j in sorted(candidate_pairs(name_grams)):
        if (i, j) in reported or names[i] == names[j]:
            continue
        score = dice(name_grams[i], name_grams[j])
        if score >= NAME_DICE:
            close.append((-score, i, j))
    for score, i, j in sorted(close):
        warn(i, j, "name", f"品牌名称“{{b}}”与 {{other}} 的“{{a}}”非常相似（相似度 {-score:.0%}）。请确认不是同一品牌，名称要体现本单位特色")

    # the scaffold's sample text left in (field_rules warns of that already) is nobody's own text
    texts = ["" if not isinstance(c := s.data.get("connotation"), str) or any(p in c for p in SAMPLE_CONNOTATION)
             else _plain(c) for s in items]
    shingles = [grams(t, GRAM) for t in texts]
    shared, common = shared_grams(shingles)
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(texts):
        if t:
            by_text[t].append(i)
    for ids in by_text.values():  # identical text (made only of common phrases, too): the closest of all
        for j in ids[1:]:
            warn(ids[0], j, "connotation", "connotation（理念内涵）与 {other}（“{a}”）完全相同。请结合本单位实际重写，突出差异")
    close = []
    for (i, j), uncommon in sorted(shared.items()):
        # Most pairs cannot reach the threshold, whatever their common phrases: not scored.
        if uncommon < 3 or not may_reach(CONNOTATION_JACCARD, uncommon, common[i], common[j],
                                         len(shingles[i]), len(shingles[j])):
            continue
        pair = (texts[i], texts[j])
        score = scores.get(pair)
        if score is None:
            score = scores[pair] = jaccard(shingles[i], shingles[j])
        if score >= CONNOTATION_JACCARD and texts[i] != texts[j]:
            close.append((-score, i, j))
    for score, i, j in sorted(close):
        warn(i, j, "connotation", f"connotation（理念内涵）与 {{other}}（“{{a}}”）高度雷同（相似度 {-score:.0%}）。请结合本单位实际重写，突出差异")

    keys = [_logo(s, memo.logos if memo is not None else None) for s in items]
    for i, j, how, share in sorted(logo_pairs(keys, scores), key=lambda found: found[3]):  # the closest first
        warn(i, j, "logo", f"标识与 {{other}}（“{{a}}”）的标识{LOGO_SAYS[how](share)}。每个品牌应有自己的标识")
    return problems


def _logo(src, known: dict | None = None):
    logo = src.data.get("logo")
    if not isinstance(logo, str):
        return None

    path = inside(src.folder, clean_relpath(logo))
    if not path:
        return None
    if known is None:
        return logo_key(path)
    try:
        st = path.stat()
    except OSError:
        return None
    stamp = (str(path), st.st_size, st.st_mtime_ns)
    if stamp not in known:
        known[stamp] = logo_key(path)
    return known[stamp]
