"""firming-analyzer: find the actives that matter for firm skin in an INCI
list and score the product, with every point traced to an ingredient."""
from .analyze import NoIngredientsError, analyze_parsed, analyze_text
from .knowledge import KnowledgeBase, KnowledgeBaseError, load_knowledge
from .match import Matcher, get_matcher
from .models import Active, Analysis, Finding, Ingredient, IngredientList, Match, ParsedText
from .page import PageResult, analyze_file, analyze_page_text
from .parse import parse_text

__version__ = "0.1.0"

__all__ = [
    "Active",
    "Analysis",
    "Finding",
    "Ingredient",
    "IngredientList",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Match",
    "Matcher",
    "NoIngredientsError",
    "PageResult",
    "ParsedText",
    "analyze_file",
    "analyze_page_text",
    "analyze_parsed",
    "analyze_text",
    "get_matcher",
    "load_knowledge",
    "parse_text",
]
