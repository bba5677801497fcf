"""Commentary on the sector's challenges. The wording lives in the message catalogs
(``templates/locale``), so an analyst edits it there; the template picks the themes."""

from __future__ import annotations

from reports import blocks as b
from reports.errors import TemplateError
from reports.i18n.localizer import N_
from reports.sections import BriefContext, section

THEMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "automation_ai": (
        N_("Automation and artificial intelligence"),
        (
            N_(
                "Generative AI and automation tools now handle a growing part of routine "
                "requests, from first-level customer support to code maintenance and data entry. "
                "For a sector built on skilled labour, this changes what clients pay for: fewer "
                "hours of repetitive work, more expertise in designing, supervising and improving "
                "these tools."
            ),
            N_(
                "Keeping jobs and market share means retraining staff continuously, moving call "
                "centres toward complex and multilingual cases, and selling outcomes rather than "
                "headcount. Providers that build AI skills early can turn the shift into higher "
                "value per employee."
            ),
        ),
    ),
    "quality_security": (
        N_("Quality, cybersecurity and continuity"),
        (
            N_(
                "International clients choose a provider on the level of service it can "
                "guarantee. Certified processes, robust protection of client data and systems, "
                "and plans that keep operations running through incidents are now conditions of "
                "entry to large contracts, especially with European clients subject to strict "
                "data rules."
            ),
            N_(
                "Investment in security operations, audits and redundant infrastructure weighs on "
                "margins in the short term, but it lengthens contracts and opens higher-value "
                "work such as managed security and critical-system support."
            ),
        ),
    ),
    "talent_territories": (
        N_("Talent and territories"),
        (
            N_(
                "Moving up the value chain needs a wider pool of skills: engineers, data and "
                "cloud specialists, and bilingual profiles able to handle technical files. "
                "Initial training, continuing education and recognised certifications all have "
                "a part to play."
            ),
            N_(
                "Spreading activity beyond the largest cities, with reliable connectivity and "
                "business premises in regional hubs, widens the talent pool and lowers costs. "
                "Success will depend on the various public bodies carrying out these reforms in "
                "a coordinated way."
            ),
        ),
    ),
}


@section("challenges", choices={"themes": tuple(THEMES)})
def challenges(ctx: BriefContext, *, themes: list[str] | None = None) -> list[b.Block]:
    """The challenges named in the template, each with a title and its commentary."""
    loc = ctx.loc
    chosen = themes if themes is not None else list(THEMES)
    unknown = [t for t in chosen if t not in THEMES]
    if unknown:
        raise TemplateError(
            f"unknown challenge theme(s) {', '.join(unknown)}; known: {', '.join(THEMES)}"
        )
    blocks: list[b.Block] = [b.Heading(loc._("Challenges for the sector"))]
    for theme in chosen:
        title, paragraphs = THEMES[theme]
        blocks.append(b.Heading(loc._(title), level=2))
        blocks += [b.Paragraph(loc._(p)) for p in paragraphs]
    return blocks
