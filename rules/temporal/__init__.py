"""The story against its own date: datelines, dates told in the body, and office-holders
named with titles they did not hold on the published date."""
