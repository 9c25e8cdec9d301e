"""The reference Traffic Center: our own implementation of the OSO hub, so that two LAS
installations can complete every exchange on one machine (README, "The Traffic Center protocol").

The real Traffic Center's WSDL and rules are not public; this app follows the public facts of
STANDARD.md §3-5 and says in each docstring where it makes its own choices.
"""
