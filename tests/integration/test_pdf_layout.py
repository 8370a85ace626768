"""The profile PDF's page layout on the real database: no last page holding a stray heading or a
few lines, no heading left alone at the foot of a page, the rank bars with their sentences, and no
share rounded up to « 100 % » when some commune is not below."""
import io

import pytest

from santecarte.domain import profile as P
from santecarte.views.report import BOTTOM_MARGIN, TOP_MARGIN, profile_pdf

COMMUNES = ["85018", "75101", "75056", "13055", "06088", "97411", "05001", "69123", "2A004", "97608", "97601"]
HEADINGS = ("L'essentiel", "L'accès aux médecins généralistes comparé", "Médecins généralistes",
            "Maisons et centres de santé à proximité", "Communes à moins de 20 minutes", "Ses arrondissements",
            "Sources", "Où se situe la commune")
MIN_LAST_PAGE_FILL = 0.25
"""The last page is filled over at least a quarter of its frame's height."""


def lines(page) -> list[tuple[float, str]]:
    """(height from the page's foot, text) of each text run of a page, top first, footer left out."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text.strip()))

    page.extract_text(visitor_text=visit)
    return sorted(((y, t) for y, t in runs if y > BOTTOM_MARGIN), key=lambda r: -r[0])


@pytest.fixture(scope="module")
def pdfs(con):
    from pypdf import PdfReader

    out = {}
    for code in COMMUNES:
        p = P.build(con, code)
        out[code] = (p, [lines(page) for page in PdfReader(io.BytesIO(profile_pdf(p))).pages])
    return out


@pytest.mark.parametrize("code", COMMUNES)
def test_last_page_is_not_a_stray_line_or_two(pdfs, code):
    from reportlab.lib.pagesizes import A4

    _, pages = pdfs[code]
    if len(pages) == 1:
        return
    frame = A4[1] - TOP_MARGIN - BOTTOM_MARGIN
    lowest = min(y for y, _ in pages[-1])
    fill = (A4[1] - TOP_MARGIN - lowest) / frame
    assert fill >= MIN_LAST_PAGE_FILL, (code, len(pages), round(fill, 2), [t for _, t in pages[-1]][:5])


@pytest.mark.parametrize("code", COMMUNES)
def test_no_heading_alone_at_the_foot_of_a_page(pdfs, code):
    _, pages = pdfs[code]
    for k, page in enumerate(pages[:-1]):
        last = page[-1][1]
        assert not any(last.startswith(h) for h in HEADINGS), (code, k + 1, last)


@pytest.mark.parametrize("code", COMMUNES)
def test_rank_bars_and_their_sentences_on_one_page(pdfs, code):
    p, pages = pdfs[code]
    if not p.has_apl:
        return
    where = {k for k, page in enumerate(pages) for _, t in page
             if t.startswith("Où se situe la commune") or "des communes" in t and "plus basse" in t
             or t.endswith("(2023)") or t.endswith("(2022)")}
    assert len(where) == 1, (code, sorted(where))


def test_a_share_short_of_all_is_never_written_100_percent(pdfs):
    """Paris 1er: 1 283 of the 1 285 communes of Île-de-France have a lower APL 2023 (99,84 %),
    which rounded to « 100 % » read as « the highest of the region »."""
    p, pages = pdfs["75101"]
    text = " ".join(t for page in pages for _, t in page)
    text = text.replace("\u00a0", " ")
    assert "100 % des communes" not in text and "100 % (2023)" not in text
    assert "99,8 % des communes de la région ont une APL 2023 plus basse (1 283 sur 1 285)" in text
    assert "d'où jamais 100 %" in text  # what the share is of, in words
