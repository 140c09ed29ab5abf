#!/bin/sh
# Cross-process A/B: bench/ab-processes.sh <src dir A> <src dir B> [plain|calendar|sliding] [pairs]
# Alternates one process of A and one of B (3 replays each, CPU/wall ms per replay), `pairs` times.
a=$1; b=$2; which=${3:-plain}; pairs=${4:-3}
uptime
i=0
while [ "$i" -lt "$pairs" ]; do
  echo "A $(npx tsx bench/ab-one.ts "$a" "$which" 3)"
  echo "B $(npx tsx bench/ab-one.ts "$b" "$which" 3)"
  i=$((i + 1))
done
uptime
