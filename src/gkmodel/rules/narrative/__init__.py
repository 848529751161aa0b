"""What the narrative says against what the tables say: claims and the N- rules.

:func:`extract_claims` finds the figures sections 一, 三, 四 and 六 state
(requests received, handled, carried over and forward, reconsiderations and
lawsuits, documents issued, fees) as typed :class:`Claim` objects; ``check``
compares each with the cells it states under the codes ``N-…`` of the
catalogue (whose ``Function`` forms name :func:`check_claim_rule`);
:func:`narrative_examples` makes each of them fire, for the rule reference.

>>> import gkmodel
>>> report = gkmodel.load("examples/data/huaian_2024.json")
>>> [(c.quantity.code, c.value) for c in extract_claims(report)][:3]
[('N-RECEIVED', 3119), ('N-HANDLED', 3050), ('N-CARRIED-OVER', 34)]
>>> gkmodel.check(report, select=NARRATIVE_CODES)
()
"""

from gkmodel.rules.narrative._check import NARRATIVE_CODES, check_claim_rule, claim_cells
from gkmodel.rules.narrative._claims import Claim, Quantity, extract_claims, narrative_paragraphs
from gkmodel.rules.narrative._examples import narrative_examples
from gkmodel.rules.narrative._numbers import parse_number

__all__ = [
    "NARRATIVE_CODES",
    "Claim",
    "Quantity",
    "check_claim_rule",
    "claim_cells",
    "extract_claims",
    "narrative_examples",
    "narrative_paragraphs",
    "parse_number",
]
