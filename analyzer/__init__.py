"""firming-analyzer: find the actives that matter for firm skin in an INCI
list and score the product, with every point traced to an ingredient.

    from analyzer import Analyzer, Document
    record = Analyzer().analyze(Document("serum", "Aqua, Glycerin, Retinol"))
"""
from .analyze import analyze_parsed, analyze_text
from .core import Analyzer, Limits
from .document import Document
from .errors import AnalyzerError, KnowledgeBaseError, NoIngredientsError
from .knowledge import KnowledgeBase, load_knowledge
from .match import Matcher, get_matcher
from .models import Active, Analysis, Finding, Ingredient, IngredientList, Match, ParsedText, Product, Record
from .page import PageResult, analyze_file, analyze_page_text
from .parse import parse_text

__version__ = "0.2.0"

__all__ = [
    "Active",
    "Analysis",
    "Analyzer",
    "AnalyzerError",
    "Document",
    "Finding",
    "Ingredient",
    "IngredientList",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Limits",
    "Match",
    "Matcher",
    "NoIngredientsError",
    "PageResult",
    "ParsedText",
    "Product",
    "Record",
    "analyze_file",
    "analyze_page_text",
    "analyze_parsed",
    "analyze_text",
    "get_matcher",
    "load_knowledge",
    "parse_text",
]
