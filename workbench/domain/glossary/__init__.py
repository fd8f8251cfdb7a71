"""Glossaries as plain values, and term matching that knows German morphology.

``model`` holds terms, concepts and statuses; ``forms`` generates surface forms;
``matching`` finds terms in sources and checks targets.
"""

from workbench.domain.glossary.matching import GlossaryMatcher, SourceHit, TargetHit
from workbench.domain.glossary.model import Concept, Glossary, Term, TermStatus

__all__ = ["Concept", "Glossary", "GlossaryMatcher", "SourceHit", "TargetHit", "Term", "TermStatus"]
