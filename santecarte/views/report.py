"""The printable PDF of a commune profile (reportlab): the page's figures, its APL chart, a small
map of the commune and its neighbours, and the source of every figure.

Fonts: Bitstream Vera, shipped inside reportlab, so the PDF looks the same on every machine.
Every text from the data is escaped before it reaches a reportlab Paragraph (which reads markup).
"""
from __future__ import annotations

import datetime as dt
import html
import io
import json
import math
import textwrap
import threading
from pathlib import Path

import pandas as pd
import reportlab
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from santecarte.accessibility.decay import MAX_MINUTES_FR
from santecarte.core.numbers import format_fr
from santecarte.core.professions import GP, PROFESSIONS
from santecarte.domain.indicators import APL_SCALE, NO_VALUE_COLOUR, SOUS_DENSE, SOUS_DENSE_FR
from santecarte.domain.profile import (
    APL_MEANING,
    CITY_RANKS,
    NO_NEIGHBOUR,
    POPULATION_LABEL,
    PROFESSIONS_CITY,
    PROFESSIONS_READING,
    PROFESSIONS_UNITS,
    SOURCES,
    SOUS_DENSE_MEANING,
    Profile,
    population_note,
    professions_print,
    rank_reading,
    rank_sentences,
    rank_table,
    share_fr,
)

_FONT_DIR = Path(reportlab.__file__).parent / "fonts"
FONT, BOLD = "Vera", "Vera-Bold"
YEAR_COLOURS = {2021: colors.HexColor("#c6dbef"), 2022: colors.HexColor("#9ecae1"), 2023: colors.HexColor("#2171b5")}
THRESHOLD_COLOUR = colors.HexColor("#d7301f")
MAX_ROWS = 20
SHORT_ROWS = 12
"""The nearest rows of the MSP and neighbours tables: MAX_ROWS, or SHORT_ROWS when that is what
spares the PDF a last page holding only a few lines (see `profile_pdf`)."""
TOP_MARGIN, BOTTOM_MARGIN, SIDE_MARGIN = 1.5 * cm, 1.6 * cm, 1.8 * cm
MIN_LAST_PAGE_FILL = 0.25
"""A last page filled over less than this share of its height is a stray: the layout is tightened."""


_fonts_lock = threading.Lock()
colors.getAllNamedColors()
"""reportlab fills its table of colour names on first use, in place: a second session printing at
that moment saw it half filled (« Invalid color value 'black' », caught by the six-sessions test
under load). Filled here, once, while the module is imported (imports are serialised)."""


def _register_fonts() -> None:
    """Once per process, under a lock: two sessions printing at once saw « Vera » registered
    before « Vera-Bold » and failed with « Can't map … vera-bold »."""
    with _fonts_lock:
        if BOLD not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(FONT, str(_FONT_DIR / "Vera.ttf")))
            pdfmetrics.registerFont(TTFont(BOLD, str(_FONT_DIR / "VeraBd.ttf")))


def pdf_text(value) -> str:
    """Text as Vera can draw it, escaped for a Paragraph: the narrow no-break space of French
    numbers (absent from Vera) becomes a no-break space, the arrow an ASCII one. Every text and
    number of the PDF goes through here."""
    text = "—" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    return html.escape(text.replace("\u202f", "\u00a0").replace("→", "->"), quote=False)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=12)
    return {
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=17, leading=21, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=10,
                             spaceAfter=4, textColor=colors.HexColor("#08306b"), keepWithNext=1),
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#555555")),
        "notice": ParagraphStyle("notice", parent=base, backColor=colors.HexColor("#fff3cd"), borderPadding=4,
                                 spaceBefore=4, spaceAfter=6),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
    }


def _table(rows: list[list], widths: list[float], st: dict, header: bool = True) -> Table:
    cells = [[Paragraph(pdf_text(v), st["cell"]) for v in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1 if header else 0)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")))
    table.setStyle(TableStyle(style))
    return table


def apl_chart(profile: Profile, width: float = 17 * cm, height: float = 6.5 * cm) -> Drawing:
    """Grouped bars: the GP APL 2021, 2022 and 2023 of the commune, its department, region and
    France (`profile.trend`), each bar with its value, the unit above the axis, the 2.5 threshold
    drawn across."""
    _register_fonts()
    table = profile.trend.pivot(index="territoire", columns="year", values="apl")
    table = table.reindex(list(dict.fromkeys(profile.trend["territoire"])))
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 1.2 * cm, 1.4 * cm, width - 1.6 * cm, height - 2.5 * cm
    chart.data = [[None if pd.isna(v) else float(v) for v in table[y]] for y in table.columns]  # no bar, never 0
    # a name over two lines rather than cut (« Bouches-du-Rhône / (département) »); a longer one ends in « … »
    chart.categoryAxis.categoryNames = [_two_lines(name, 26) for name in table.index]
    chart.categoryAxis.labels.textAnchor = "middle"
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
    top = max([v for row in chart.data for v in row if v is not None] + [SOUS_DENSE]) * 1.15
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.valueStep = 1 if top <= 8 else 2
    chart.valueAxis.labelTextFormat = lambda v: format_fr(v, 0)
    for k, year in enumerate(table.columns):
        chart.bars[k].fillColor = YEAR_COLOURS[year]
        chart.bars[k].strokeColor = None
    chart.barLabelFormat = lambda v: "" if v is None else pdf_text(format_fr(v, 2))
    chart.barLabels.fontName, chart.barLabels.fontSize, chart.barLabels.nudge = FONT, 6.5, 6
    drawing.add(chart)
    y = chart.y + chart.height * SOUS_DENSE / top
    drawing.add(Line(chart.x, y, chart.x + chart.width, y, strokeColor=THRESHOLD_COLOUR, strokeDashArray=[3, 2]))
    items = [(Rect(0, 0, 8, 8, fillColor=YEAR_COLOURS[y], strokeColor=None), f"APL {y}") for y in table.columns]
    items.append((Line(0, 4, 12, 4, strokeColor=THRESHOLD_COLOUR, strokeDashArray=[3, 2]),
                  f"seuil {SOUS_DENSE_FR} (sous-dense)"))
    x, y = chart.x, height - 0.5 * cm
    for swatch, text in items:  # one line, each entry as wide as its text: never past the margin
        swatch_width = swatch.getBounds()[2]
        drawing.add(Group(swatch, transform=(1, 0, 0, 1, x, y)))
        drawing.add(String(x + swatch_width + 4, y + 1, text, fontName=FONT, fontSize=7))
        x += swatch_width + 4 + pdfmetrics.stringWidth(text, FONT, 7) + 14
    drawing.add(String(0, chart.y + chart.height + 4, PROFESSIONS[GP].unit_short, fontName=FONT, fontSize=6.5))
    return drawing


def _two_lines(text: str, width: int) -> str:
    """`text` wrapped on at most two lines of `width` characters, the second cut with « … »."""
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder=" …")]
    return "\n".join(lines)


def gp_value(value: float | None) -> str:
    """A GP APL with its unit, « — » when none is published."""
    return "—" if value is None or pd.isna(value) else f"{format_fr(value, 2)} {PROFESSIONS[GP].unit_short}"


def _commune_trend(profile: Profile) -> dict[int, float | None]:
    """The commune's own GP APL per year (the first territory of `profile.trend`)."""
    first = profile.trend["territoire"].iloc[0]
    return profile.trend[profile.trend["territoire"] == first].set_index("year")["apl"].to_dict()


def rank_drawing(profile: Profile, width: float = 17 * cm, height: float = 2.8 * cm) -> Drawing:
    """Horizontal bars, 0 to 100 %: the share of communes of each level with a lower APL."""
    table = rank_table(profile)
    drawing = Drawing(width, height)
    levels = [level for level in ("Département", "Région", "France") if level in set(table["niveau"])]
    if not levels:
        return drawing
    row_h, label_w, bar_w = height / len(levels), 2.8 * cm, width - 4.6 * cm
    for k, level in enumerate(levels):
        y0 = height - (k + 1) * row_h
        drawing.add(String(0, y0 + row_h / 2 - 3, level, fontName=FONT, fontSize=8))
        drawing.add(Rect(label_w, y0 + 2, bar_w, row_h - 4, fillColor=colors.HexColor("#f0f0f0"), strokeColor=None))
        for j, year in enumerate((2022, 2023)):
            hit = table[(table["niveau"] == level) & (table["year"] == year)]
            if hit.empty:
                continue
            pct = float(hit["percent"].iloc[0])
            y = y0 + 2 + (1 - j) * (row_h - 4) / 2
            drawing.add(Rect(label_w, y, bar_w * pct / 100, (row_h - 4) / 2 - 1, fillColor=YEAR_COLOURS[year],
                             strokeColor=None))
            drawing.add(String(label_w + bar_w * pct / 100 + 3, y + 1, f"{share_fr(pct / 100, short=True)} ({year})".replace(
                "\u202f", "\u00a0"), fontName=FONT, fontSize=6.5))
    return drawing


def _rings(geometry: str):
    geom = json.loads(geometry)
    polygons = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    return [poly[0] for poly in polygons]


def area_map(profile: Profile, width: float = 8.5 * cm, height: float = 8.5 * cm) -> Drawing:
    """The commune (thick outline) and its neighbours, coloured by APL 2023 (the page's scale)."""
    drawing = Drawing(width, height)
    rows = profile.area.dropna(subset=["geometry"])
    if rows.empty:
        return drawing
    rings = [(r, _rings(r.geometry)) for r in rows.itertuples()]
    lons = [p[0] for _, rs in rings for ring in rs for p in ring]
    lats = [p[1] for _, rs in rings for ring in rs for p in ring]
    k = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span = max((max(lons) - min(lons)) * k, max(lats) - min(lats)) or 1.0
    scale = min(width, height) / span
    for selected in (False, True):  # the commune last, on top
        for r, rs in rings:
            if bool(r.is_self) != selected:
                continue
            fill = colors.HexColor(APL_SCALE.colour(r.apl_2023) if pd.notna(r.apl_2023) else NO_VALUE_COLOUR)
            for ring in rs:
                points = [v for lon, lat in ring for v in ((lon - min(lons)) * k * scale, (lat - min(lats)) * scale)]
                drawing.add(Polygon(points, fillColor=fill, strokeColor=colors.black if selected else colors.white,
                                    strokeWidth=2 if selected else 0.4))
    return drawing


def _legend_table(st: dict) -> Table:
    """The map's colour classes: a swatch cell and a label per class."""
    items = [(c, label) for _, c, label in APL_SCALE.classes] + [(NO_VALUE_COLOUR, "pas d'APL publiée")]
    table = Table([["", Paragraph(pdf_text(label), st["cell"])] for _, label in items], colWidths=[0.5 * cm, 7 * cm])
    table.setStyle(TableStyle([("BACKGROUND", (0, k), (0, k), colors.HexColor(c)) for k, (c, _) in enumerate(items)]
                              + [("BOX", (0, k), (0, k), 0.3, colors.grey) for k in range(len(items))]
                              + [("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return Table([[Paragraph("APL 2023", st["cell"])], [table]], colWidths=[7.6 * cm])


def _layouts():
    """The layouts tried in turn, the first one whose last page is no stray kept (see `profile_pdf`):
    as designed; the sources in one paragraph, a lower chart and a smaller map; the last section on a page of its
    own; the 12 nearest rows of the tables instead of 20."""
    yield {"compact": False, "break_before_area": False, "rows": MAX_ROWS}
    yield {"compact": True, "break_before_area": False, "rows": MAX_ROWS}
    yield {"compact": True, "break_before_area": True, "rows": MAX_ROWS}
    yield {"compact": True, "break_before_area": False, "rows": SHORT_ROWS}


class _Document(SimpleDocTemplate):
    """Notes how far down its last page the text went (`last_fill`, 0 to 1 of the frame's height)."""

    def afterFlowable(self, flowable):
        frame = self.frame
        if frame is None:  # between pages
            return
        self.last_fill = (frame._y1 + frame._height - frame._y) / frame._height


def profile_pdf(profile: Profile, today: dt.date | None = None) -> bytes:
    """The profile as an A4 PDF (bytes). Headings stay with what follows them and each chart with
    its caption; when the last page would hold only a few lines (under MIN_LAST_PAGE_FILL of its
    height), other layouts are tried (`_layouts`) and, of those that spare it, the first with the
    fewest pages kept (or, if none does, the one with the fullest last page)."""
    _register_fonts()
    today = today or dt.date.today()
    best, best_rank = None, None
    for order, layout in enumerate(_layouts()):
        data, pages, fill = _render(profile, today, **layout)
        stray = pages > 1 and fill < MIN_LAST_PAGE_FILL
        rank = (stray, pages, -fill if stray else order)  # no stray, the fewest pages, the first layout
        if best_rank is None or rank < best_rank:
            best, best_rank = data, rank
    return best


def _render(profile: Profile, today: dt.date, compact: bool, break_before_area: bool, rows: int
            ) -> tuple[bytes, int, float]:
    """The PDF in one layout: its bytes, its number of pages, and how full its last page is."""
    st = _styles()
    out = io.BytesIO()
    doc = _Document(out, pagesize=A4, leftMargin=SIDE_MARGIN, rightMargin=SIDE_MARGIN, topMargin=TOP_MARGIN,
                    bottomMargin=BOTTOM_MARGIN, title=f"Profil de commune — {profile.nom}", author="SantéCarte")

    def footer(canvas, document):
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(colors.HexColor("#777777"))
        canvas.drawString(SIDE_MARGIN, 1 * cm, f"SantéCarte — profil de {profile.nom} ({profile.code}), édité le "
                                               f"{today.strftime('%d/%m/%Y')} à partir de données ouvertes officielles")
        canvas.drawRightString(A4[0] - SIDE_MARGIN, 1 * cm, f"page {document.page}")
        canvas.restoreState()

    doc.build(_story(profile, st, compact, break_before_area, rows), onFirstPage=footer, onLaterPages=footer)
    return out.getvalue(), doc.page, doc.last_fill


def _story(profile: Profile, st: dict, compact: bool, break_before_area: bool, rows_shown: int) -> list:
    evolution = (profile.apl[2023] - profile.apl[2022]) if profile.apl[2022] is not None and profile.has_apl else None
    story = [
        Paragraph(f"Profil de commune — {pdf_text(profile.nom)} ({pdf_text(profile.code)})", st["title"]),
        Paragraph(f"{pdf_text(profile.departement)} ({pdf_text(profile.departement_code)}) · {pdf_text(profile.region)}",
                  st["body"]),
    ]
    story += [Paragraph(pdf_text(n), st["notice"]) for n in profile.notices]
    story += [Paragraph("L'essentiel", st["h2"]), _table([
        ["Indicateur", "Valeur", "Source"],
        [POPULATION_LABEL, format_fr(profile.population, 0), SOURCES["population"]],
        ["Indice de besoin (1 = moyenne nationale ; plus haut = population plus âgée)", format_fr(profile.besoin, 2),
         SOURCES["besoin"]],
        ["APL 2023", gp_value(profile.apl[2023]), SOURCES["apl"]],
        ["APL 2022", gp_value(profile.apl[2022]), SOURCES["apl"]],
        ["APL 2021", gp_value(_commune_trend(profile).get(2021)), SOURCES["apl_trend"]],
        ["Évolution de 2022 à 2023", "—" if evolution is None else ("+" if evolution > 0 else "") + format_fr(evolution, 2),
         SOURCES["apl"]],
        ["Zonage médecins", profile.zonage, "ARS (officiel) ou SantéCarte (indicatif, non réglementaire, d'après l'APL)"],
        ["CPTS", profile.cpts or "aucune connue dans les données", SOURCES["cpts"]],
        ["Bassin de vie · EPCI", f"{profile.bassin_vie or '—'} · {profile.epci or '—'}", "INSEE 2022 · DGCL 2025"],
    ], [5.2 * cm, 5.3 * cm, 6.9 * cm], st)]
    if profile.zonage_reliability:
        story.append(Paragraph(pdf_text(profile.zonage_reliability), st["small"]))
    story += [Paragraph(pdf_text(population_note(profile)), st["small"]),
              Paragraph(pdf_text(APL_MEANING) + " " + pdf_text(SOUS_DENSE_MEANING), st["small"])]

    story.append(Paragraph("L'accès aux médecins généralistes comparé", st["h2"]))
    if profile.has_apl:  # the chart with its caption; the rank bars with their caption, sentences and reading
        story.append(KeepTogether([
            apl_chart(profile, height=(5.2 if compact else 6.5) * cm),
            Paragraph("APL aux médecins généralistes 2021, 2022 et 2023, en " + pdf_text(PROFESSIONS[GP].unit)
                      + ". Département, région, France : moyenne des communes pondérée par leur population "
                      "standardisée (règle de la DREES). Source : " + pdf_text(SOURCES["apl_trend"]) + ".",
                      st["small"])]))
        ranks = [Paragraph("Où se situe la commune : part des communes dont l'APL est plus basse", st["body"]),
                 rank_drawing(profile)]
        ranks += [Paragraph("• " + pdf_text(s), st["body"]) for s in rank_sentences(profile)]
        ranks.append(Paragraph(pdf_text(rank_reading(profile)), st["small"]))
        if profile.is_city:
            ranks.append(Paragraph(pdf_text(CITY_RANKS), st["small"]))
        story.append(KeepTogether(ranks))
    else:
        story.append(Paragraph("Pas d'APL publiée pour cette commune : pas de comparaison possible.", st["body"]))

    doctors = [Paragraph("Médecins généralistes", st["h2"]), Paragraph(
        f"Lieux d'exercice de généralistes dans la commune : {pdf_text(format_fr(profile.gp_sites, 0))} (RPPS, août 2023)."
        if profile.gp_sites is not None else
        "Lieux d'exercice des généralistes : non chargés pour cette région (seule l'Île-de-France l'est).", st["body"])]
    for r in profile.gp_density.itertuples():
        doctors.append(Paragraph(f"Département : {pdf_text(format_fr(r.pour_10000, 1))} généralistes pour 10 000 "
                                 f"habitants ({pdf_text(r.source)}).", st["body"]))
    story.append(KeepTogether(doctors))

    lines = professions_print(profile)
    widths = ([4.9 * cm, 1.45 * cm, 2.0 * cm, 2.4 * cm, 2.3 * cm, 3.95 * cm] if "Rang dans le département" in lines
              else [5.6 * cm, 1.4 * cm, 3.4 * cm, 3.5 * cm, 3.5 * cm])
    story.append(KeepTogether([
        Paragraph("Cinq professions de premier recours", st["h2"]),
        _table([list(lines.columns)] + lines.astype(str).values.tolist(), widths, st),
        Paragraph(pdf_text("Source : " + SOURCES["professions"] + ". " + PROFESSIONS_UNITS), st["small"]),
        Paragraph(pdf_text(PROFESSIONS_CITY if profile.is_city else PROFESSIONS_READING), st["small"])]))

    story.append(Paragraph("Maisons et centres de santé à proximité", st["h2"]))
    if profile.msp.empty:
        story.append(Paragraph("Aucun dans le FINESS de janvier 2021.", st["body"]))
    elif profile.is_city:  # no travel time inside a city: how many per arrondissement, in number order
        counts = profile.msp.groupby(["commune_code", "commune"]).size().reset_index(name="n")
        rows = [["Arrondissement", "Maisons et centres de santé"]] + [
            [r.commune, format_fr(r.n, 0)] for r in counts.sort_values("commune_code").itertuples()]
        story.append(_table(rows, [9 * cm, 8.4 * cm], st))
        story.append(Paragraph(f"{SOURCES['msp']} ; {format_fr(len(profile.msp), 0)} dans la ville, comptés par "
                               "arrondissement (pas de temps de trajet à l'intérieur de la ville ; la liste est sur la "
                               "page « Profil de commune ») ; centres dentaires, infirmiers… exclus.", st["small"]))
    else:
        rows = [["Nom", "Commune", "Minutes (estimées)", "Ouverture"]] + [
            [r.nom, r.commune, "—" if pd.isna(r.minutes) else format_fr(r.minutes, 0),
             "—" if pd.isna(r.date_ouverture) else pd.Timestamp(r.date_ouverture).strftime("%d/%m/%Y")]
            for r in profile.msp.head(rows_shown).itertuples()]
        story.append(_table(rows, [7.5 * cm, 4.5 * cm, 2.8 * cm, 2.6 * cm], st))
        more = f" Les {rows_shown} plus proches sur {len(profile.msp)}." if len(profile.msp) > rows_shown else ""
        story.append(Paragraph(SOURCES["msp"] + " ; centres dentaires, infirmiers… exclus." + more, st["small"]))

    title = "Ses arrondissements" if profile.is_city else f"Communes à moins de {MAX_MINUTES_FR} minutes"
    neighbours = profile.neighbours
    if profile.is_city:  # the arrondissements make the city: in number order, no travel time
        rows = [["Arrondissement", "Code", "APL 2022", "APL 2023"]] + [
            [r.nom, r.code, format_fr(r.apl_2022, 2), format_fr(r.apl_2023, 2)] for r in neighbours.itertuples()]
        widths = [9.4 * cm, 2.2 * cm, 2.9 * cm, 2.9 * cm]
    else:
        rows = [["Commune", "Code", "Minutes (estimées)", "APL 2022", "APL 2023"]] + [
            [r.nom, r.code, format_fr(r.minutes, 0), format_fr(r.apl_2022, 2), format_fr(r.apl_2023, 2)]
            for r in neighbours.head(rows_shown).itertuples()]
        widths = [6.4 * cm, 2.2 * cm, 3 * cm, 2.9 * cm, 2.9 * cm]
    side = (6.5 if compact else 8.5) * cm
    if break_before_area:
        story.append(PageBreak())
    block = [Paragraph(title, st["h2"]),
             Table([[area_map(profile, side, side), _legend_table(st)]], colWidths=[9 * cm, 8.4 * cm],
                   style=[("VALIGN", (0, 0), (-1, -1), "TOP")])]
    story.append(KeepTogether(block))
    if len(neighbours):
        story.append(_table(rows, widths, st))
    else:
        story.append(Paragraph(pdf_text(NO_NEIGHBOUR), st["body"]))
    if profile.is_city:
        story.append(Paragraph("Les arrondissements de la ville, dans l'ordre de leur numéro. " + SOURCES["apl"] + ".",
                               st["small"]))
    else:
        more = f" Les {rows_shown} plus proches sur {len(neighbours)}." if len(neighbours) > rows_shown else ""
        story.append(Paragraph(SOURCES["apl"] + (". Les plus proches d'abord." if len(neighbours) else ".") + more,
                               st["small"]))
        story.append(Paragraph(pdf_text(profile.times_notice), st["small"]))

    sources = [Paragraph("Sources", st["h2"])]
    if compact:
        sources.append(Paragraph(" · ".join(pdf_text(text) for text in SOURCES.values()), st["small"]))
    else:
        sources += [Paragraph("• " + pdf_text(text), st["small"]) for text in SOURCES.values()]
    story.append(KeepTogether(sources))
    return story
