"""Demo: what "Sam" wrote in answer to check-in prompts, by prompt id.

Short and plain, the way people really answer on a phone or a laptop late in the day.
Fictional; no specific trauma is described. Prompts without an answer here are left
empty in the demo, as real check-ins often are.
"""

from __future__ import annotations

ANSWERS: dict[str, str] = {
    # same day: a line at most
    "same-few-words": "Strange and gentle. Tired now.",
    "same-image": "Dark green water, and the sound of rain.",
    "same-feeling-now": "Relief, mostly. A bit wobbly.",
    "same-body": "Heavy arms, warm hands, jaw finally loose.",
    "same-one-word": "Spacious.",
    "same-remember": "The corridor of doors, and that none of them were locked.",
    "same-words-heard": '"You got through it."',
    "same-need-now": "Soup, a blanket, Jo nearby, no screens.",
    # days 1-3
    "day-revisit-intention": (
        "I wanted to notice my body without judging it. Mostly I managed. When I "
        "judged, I noticed that too."
    ),
    "day-sleep-night": "Slept nine hours, woke once around four. No bad dream.",
    "day-first-look-back": (
        "How far away everything felt at first, and then how close the rain sounded."
    ),
    "day-emotions-today": "Tender, a little sad, and under that something like hope.",
    "day-body-today": (
        "Shoulders up by my ears whenever I think about work. I let them be and they "
        "came down on their own after a while."
    ),
    "day-insight": (
        "The alarm in my body is old. It is trying to help, it just has not noticed "
        "that things are different now."
    ),
    "day-surprise": "That I laughed in the car on the way home. Jo laughed too.",
    "day-symbols": "A blue coat. A door left open a crack.",
    "day-hard-part": (
        "The middle part, when the tight chest came. It passed, but I want to "
        "mention it to Dr. Okafor."
    ),
    "day-kindness": "I let myself nap without calling it lazy.",
    "day-relationships": (
        "My brother, again. Less like a wall today. I might write to him, not yet."
    ),
    "day-boundaries": "Not answering work messages after six. Starting this week.",
    "day-connection": "Maya. I'll ask her for a walk on Saturday.",
    "day-grief": "The year I lost to being on guard all the time.",
    "day-for-therapy": "Why the image of me at 24 keeps coming back, and what it wants.",
    "day-small-action": "Tell Maya I need Thursdays off for therapy.",
    "day-no-big-changes": (
        "I want to quit and move to the coast. Writing it here and letting it sit for a week."
    ),
    "day-nature": "Twenty minutes on the bench by the pond. Ducks, wind, nothing else.",
    "day-meaning": "Quiet. I want more quiet in my life, not more achievements.",
    "day-old-story": (
        '"I should have handled it better." I was nineteen. Maybe I handled it the '
        "only way I could."
    ),
    "day-memory-care": (
        "Some came up in the night. I used 5-4-3-2-1 and the long out-breath, and "
        "wrote one line down for therapy instead of going over it again."
    ),
    "day-rest": "Cancelled the supermarket run. Ordered in. That counts.",
    "day-movement": "Slow walk round the block, stretched on the floor after.",
    "day-spirit": "For a moment, sitting by the window, everything felt connected.",
    "day-gratitude": "Mum's phone call. Jo driving me home without asking questions.",
    "day-three-summary": "That the alarm can go off and I can still choose what to do next.",
    "day-need-support": "A quiet evening and someone to check in with me tomorrow.",
    # between sessions
    "between-changed": "I notice the alarm sooner. It doesn't always run the show.",
    "between-stayed": "The dream, though less often.",
    "between-practice": "The long out-breath. Walking. Writing one line a day.",
    "between-action-check": "Asked for Thursdays. Maya said yes straight away.",
    "between-patterns": "Over-apologising in a meeting. I caught it halfway through.",
    "between-sleep": "Better. Two broken nights this week, the rest fine.",
    "between-ease": "Cooking on Sunday with the radio on.",
    "between-relationships": "Warmer with Jo. Still careful with my brother.",
    "between-before-next": "Maybe the guilt, if it comes. I don't need to force it.",
    "between-daily-life": "Work is loud but I leave on time. Evenings are mine.",
}
