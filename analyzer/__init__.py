"""firming-analyzer: find the actives that matter for firm skin in an INCI
list and score the product, with every point traced to an ingredient.

    from analyzer import Analyzer, Document
    record = Analyzer().analyze(Document("serum", "Aqua, Glycerin, Retinol"))
"""
# The public names are imported when first used (PEP 562): a command that
# scores one pasted list should not pay for importing the page reader.
_PUBLIC = {
    "analyze_parsed": "analyze",
    "analyze_text": "analyze",
    "Analyzer": "core",
    "Limits": "core",
    "Document": "document",
    "AnalyzerError": "errors",
    "KnowledgeBaseError": "errors",
    "NoIngredientsError": "errors",
    "KnowledgeBase": "knowledge",
    "load_knowledge": "knowledge",
    "Matcher": "match",
    "get_matcher": "match",
    "Active": "models",
    "Analysis": "models",
    "Finding": "models",
    "Ingredient": "models",
    "IngredientList": "models",
    "Match": "models",
    "ParsedText": "models",
    "Product": "models",
    "Record": "models",
    "PageResult": "page",
    "analyze_file": "page",
    "analyze_page_text": "page",
    "parse_text": "parse",
}


def __getattr__(name: str):
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'analyzer' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PUBLIC))


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
