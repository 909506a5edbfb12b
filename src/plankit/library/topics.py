"""Topic names as staff read them, in the order the catalog and `clauses list` use."""

from __future__ import annotations

TOPICS: dict[str, str] = {
    "procurement": "Solicitation framework",
    "living-wage": "Living wage",
    "prevailing-wage": "Prevailing wage",
    "pla": "Project labor agreements",
    "cba": "Community benefits agreements",
    "apprenticeship": "Registered apprenticeship",
    "pre-apprenticeship": "Pre-apprenticeship",
    "local-hire": "Local and targeted hire",
    "safety": "Safety and health",
    "benefits": "Benefits",
    "scheduling": "Scheduling",
    "paid-leave": "Paid sick leave",
    "worker-retention": "Worker retention on service contracts",
    "misclassification": "Employee classification",
    "worker-voice": "Worker voice and labor-management partnership",
    "supportive-services": "Supportive services",
    "reporting": "Shared metrics and reporting",
    "contract-management": "Active contract management",
    "high-road": "High-road employers",
    "small-business": "Small, minority-owned and disadvantaged businesses",
    "mou-data": "Data sharing",
    "sector-partnership": "Sector partnerships",
    "wioa-local": "WIOA local plan",
    "wioa-state": "WIOA state plan",
    "plan-workforce": "Workforce sections of other public plans",
}


def topic_title(topic: str) -> str:
    return TOPICS.get(topic) or topic.replace("-", " ").capitalize()


def topic_order(topic: str) -> tuple[int, str]:
    keys = list(TOPICS)
    return (keys.index(topic) if topic in keys else len(keys), topic)
