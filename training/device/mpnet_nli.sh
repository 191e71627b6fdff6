#!/bin/bash
# Fine-tune the MPNet NLI cross-encoder on a GPU machine (every layer; mix `compact`, 3,000 steps of 32), then
# export it to int8 ONNX in 16 MB gzip chunks (chunk00..03 come back now, the rest from $RET in a second call).
# Staging as in mpnet_attribution.sh (the float16 parts of the verified base, its config and tokenizer files,
# mpnet16.sha256), plus the `compact` mix's files of ../shared/data/nli_train/ copied into $STAGE over the
# same calls. The measured run and its figures: training/cards/nli-mpnet.md.
#     python training/train_nli.py --backbone <folder> --device cuda --mix compact --steps 3000 --lr 3e-5 [--export]
# Env: STAGE, OUT (the folder that comes back), STEPS, DEVICE, MAXMIN, LR, WORK, EXPORT, MPNET, RET.
set -euo pipefail
STAGE=${STAGE:-/root/stage}; STEPS=${STEPS:-3000}; DEVICE=${DEVICE:-cuda}; MAXMIN=${MAXMIN:-4}; LR=${LR:-3e-5}
WORK=${WORK:-/root/wn}; EXPORT=${EXPORT:-/root/en}; MPNET=${MPNET:-/root/mpnet}; RET=${RET:-/root/retn}
export PYTHONPATH=$PWD/src:$PWD/training PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1
t0=$(date +%s)
mkdir -p $STAGE/nli $MPNET $RET
mv $STAGE/*.jsonl.gz $STAGE/nli/ 2>/dev/null || true
ls $STAGE/nli
cat $STAGE/part00 $STAGE/part01 $STAGE/part02 $STAGE/part03 > $STAGE/mpnet16.safetensors
got=$(sha256sum $STAGE/mpnet16.safetensors | cut -d' ' -f1); want=$(cut -d' ' -f1 $STAGE/mpnet16.sha256)
echo "float16 parts sha256 $got (want $want)"; [ "$got" = "$want" ]
cp $STAGE/config.json $STAGE/tokenizer.json $STAGE/tokenizer_config.json $STAGE/special_tokens_map.json $STAGE/vocab.txt $MPNET/
python3 -c "
from safetensors.torch import load_file, save_file
sd = load_file('$STAGE/mpnet16.safetensors')
save_file({k: v.float().contiguous() for k, v in sd.items()}, '$MPNET/model.safetensors', metadata={'format': 'pt'})
print('float32 folder written:', len(sd), 'tensors')
"
ARGS="--backbone $MPNET --work $WORK --out $EXPORT --data $STAGE/nli --device $DEVICE --lr $LR --steps $STEPS --mix compact --max-len 128"
python3 training/train_nli.py $ARGS --save-every 1000 --save-minutes 100 --max-minutes $MAXMIN 2>&1 | grep -v "it/s\]" | grep -vE "step [0-9]*[1-9]0/|step [0-9]*[0-9][1-9]/" || true
echo "trained in $(( $(date +%s) - t0 )) s"
python3 training/train_nli.py $ARGS --export 2>&1 | grep -E "exported|Error|error|resumed" || true
ls -la $EXPORT
gzip -1 -c $EXPORT/model.onnx > $RET/model.onnx.gz
(cd $RET && split -b 16000000 -d -a 2 model.onnx.gz chunk && sha256sum model.onnx.gz chunk* > sums.txt && ls -la)
tar czf $OUT/nli-small.tgz --exclude model.onnx -C $EXPORT . -C $RET sums.txt
for c in $RET/chunk00 $RET/chunk01 $RET/chunk02 $RET/chunk03; do [ -f $c ] && cp $c $OUT/; done
echo "done in $(( $(date +%s) - t0 )) s"
