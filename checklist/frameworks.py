"""The frameworks a rubric's questions may map to (`maps_to`), as ids only.

A compliance reviewer wants to see which parts of a framework a rubric covers and which it
does not. The vocabulary below holds only identifiers (subcategory ids, risk names, article
numbers, clause numbers), never a framework's text: ISO/IEC 42001 is copyrighted, and ids are
all a mapping needs. A tag written in a rubric must be one of these, so a typo ("GOVERN 11")
is refused where it is written instead of silently covering nothing.

Sources, read for the ids only:

- NIST AI RMF 1.0: NIST AI 100-1, "Artificial Intelligence Risk Management Framework (AI RMF
  1.0)", January 2023, https://doi.org/10.6028/NIST.AI.100-1 (72 subcategories in the core,
  Tables 1-4).
- NIST AI 600-1, "Generative Artificial Intelligence Profile", July 2024,
  https://doi.org/10.6028/NIST.AI.600-1 (the 12 risks of section 2).
- EU AI Act: Regulation (EU) 2024/1689, https://eur-lex.europa.eu/eli/reg/2024/1689/oj
  (Articles 1-113).
- ISO/IEC 42001:2023, "Information technology - Artificial intelligence - Management system",
  https://www.iso.org/standard/81230.html (clauses 4-10 and the 38 controls of Annex A).
"""

from __future__ import annotations

from dataclasses import dataclass

from checklist.errors import did_you_mean


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    source: str
    ids: tuple[str, ...]

    def __contains__(self, tag: object) -> bool:
        return tag in self.ids


def _numbered(prefix: str, counts: dict[int, int]) -> tuple[str, ...]:
    """`GOVERN 1.1` ... from {category: number of subcategories}."""
    return tuple(f"{prefix} {c}.{s}" for c, n in counts.items() for s in range(1, n + 1))


_RMF = (
    _numbered("GOVERN", {1: 7, 2: 3, 3: 2, 4: 3, 5: 2, 6: 2})
    + _numbered("MAP", {1: 6, 2: 3, 3: 5, 4: 2, 5: 2})
    + _numbered("MEASURE", {1: 3, 2: 13, 3: 3, 4: 3})
    + _numbered("MANAGE", {1: 4, 2: 4, 3: 2, 4: 3})
)

_GENAI_RISKS = (
    "CBRN Information or Capabilities",
    "Confabulation",
    "Dangerous, Violent, or Hateful Content",
    "Data Privacy",
    "Environmental Impacts",
    "Harmful Bias and Homogenization",
    "Human-AI Configuration",
    "Information Integrity",
    "Information Security",
    "Intellectual Property",
    "Obscene, Degrading, and/or Abusive Content",
    "Value Chain and Component Integration",
)

_AI_ACT = tuple(f"Art. {n}" for n in range(1, 114))

_ISO_CLAUSES = (
    "4.1", "4.2", "4.3", "4.4",
    "5.1", "5.2", "5.3",
    "6.1", "6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.2", "6.3",
    "7.1", "7.2", "7.3", "7.4", "7.5", "7.5.1", "7.5.2", "7.5.3",
    "8.1", "8.2", "8.3", "8.4",
    "9.1", "9.2", "9.2.1", "9.2.2", "9.3", "9.3.1", "9.3.2", "9.3.3",
    "10.1", "10.2",
)
_ISO_CONTROLS = (
    "A.2.2", "A.2.3", "A.2.4",
    "A.3.2", "A.3.3",
    "A.4.2", "A.4.3", "A.4.4", "A.4.5", "A.4.6",
    "A.5.2", "A.5.3", "A.5.4", "A.5.5",
    "A.6.1.2", "A.6.1.3", "A.6.2.2", "A.6.2.3", "A.6.2.4", "A.6.2.5", "A.6.2.6", "A.6.2.7",
    "A.6.2.8",
    "A.7.2", "A.7.3", "A.7.4", "A.7.5", "A.7.6",
    "A.8.2", "A.8.3", "A.8.4", "A.8.5",
    "A.9.2", "A.9.3", "A.9.4",
    "A.10.2", "A.10.3", "A.10.4",
)

FRAMEWORKS: dict[str, Framework] = {f.id: f for f in (
    Framework("nist-ai-rmf", "NIST AI RMF 1.0 (subcategories)",
              "NIST AI 100-1, January 2023", _RMF),
    Framework("nist-genai", "NIST AI 600-1 Generative AI Profile (risks)",
              "NIST AI 600-1, July 2024", _GENAI_RISKS),
    Framework("eu-ai-act", "EU AI Act (articles)", "Regulation (EU) 2024/1689", _AI_ACT),
    Framework("iso-42001", "ISO/IEC 42001:2023 (clauses and Annex A controls, ids only)",
              "ISO/IEC 42001:2023", _ISO_CLAUSES + _ISO_CONTROLS),
)}


def framework_of(tag: str) -> Framework | None:
    """The framework whose vocabulary holds `tag` (the ids do not overlap)."""
    return next((f for f in FRAMEWORKS.values() if tag in f), None)


def tag_problem(tag: str) -> str | None:
    """Why `tag` is not a framework id, with what to write instead; None when it is one."""
    if framework_of(tag) is not None:
        return None
    every = [t for f in FRAMEWORKS.values() for t in f.ids]
    close = did_you_mean(tag, every)
    if close:
        return f"'{tag}' is not a framework id{close}"
    return (f"'{tag}' is not a framework id; write a NIST AI RMF subcategory ('GOVERN 1.1'), a "
            "NIST AI 600-1 risk name ('Intellectual Property'), an EU AI Act article ('Art. "
            "50') or an ISO/IEC 42001 clause or control id ('8.4', 'A.10.3')")
