#!/bin/bash
# Fine-tune the MPNet attribution tagger on a GPU machine that reaches no package registry and receives at
# most 64 MiB a call (this workplace's device tool), then export it to int8 ONNX and hand it back in 16 MB
# gzip chunks (at most 64 MiB come back a call: chunk00..03 now, the rest from $RET in a second call).
#
# Staging, before the calls: the verified all-mpnet-base-v2 model.safetensors (`receipts models mpnet`) is
# cast to float16 (219 MB) and split into part00..part03 (`split -b 54748937 -d -a 2`); the parts, its
# config.json and tokenizer files, mpnet16.sha256 (`sha256sum` of the float16 file) and
# polnear_train.jsonl.gz reach $STAGE on the GPU machine over four calls while it stays warm. Here they are
# joined, checked and cast back to float32; then the ordinary training script runs (the measured run and its
# figures: training/cards/attribution-mpnet.md):
#     python training/train_attribution.py --backbone <folder> --device cuda --lr 5e-5 --epochs 4 [--export]
# Env: STAGE, OUT (the folder that comes back), EPOCHS, DEVICE, MAXMIN, LR, WORK, EXPORT, MPNET, RET.
set -euo pipefail
STAGE=${STAGE:-/root/stage}; EPOCHS=${EPOCHS:-4}; DEVICE=${DEVICE:-cuda}; MAXMIN=${MAXMIN:-5}; LR=${LR:-5e-5}
WORK=${WORK:-/root/work}; EXPORT=${EXPORT:-/root/export}; MPNET=${MPNET:-/root/mpnet}; RET=${RET:-/root/ret}
export PYTHONPATH=$PWD/src:$PWD/training PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1
t0=$(date +%s)
cat $STAGE/part00 $STAGE/part01 $STAGE/part02 $STAGE/part03 > $STAGE/mpnet16.safetensors
got=$(sha256sum $STAGE/mpnet16.safetensors | cut -d' ' -f1); want=$(cut -d' ' -f1 $STAGE/mpnet16.sha256)
echo "float16 parts sha256 $got (want $want)"; [ "$got" = "$want" ]
mkdir -p $MPNET $RET
cp $STAGE/config.json $STAGE/tokenizer.json $STAGE/tokenizer_config.json $STAGE/special_tokens_map.json $STAGE/vocab.txt $MPNET/
python3 -c "
from safetensors.torch import load_file, save_file
sd = load_file('$STAGE/mpnet16.safetensors')
save_file({k: v.float().contiguous() for k, v in sd.items()}, '$MPNET/model.safetensors', metadata={'format': 'pt'})
print('float32 folder written:', len(sd), 'tensors')
"
python3 -c "import torch, transformers, onnxruntime; print('torch', torch.__version__, 'transformers', transformers.__version__, 'ort', onnxruntime.__version__, 'cuda', torch.cuda.is_available())"
ARGS="--backbone $MPNET --work $WORK --out $EXPORT --data $STAGE/polnear_train.jsonl.gz --device $DEVICE --lr $LR --epochs $EPOCHS"
python3 training/train_attribution.py $ARGS --save-every 250 --save-minutes 100 --max-minutes $MAXMIN
echo "trained in $(( $(date +%s) - t0 )) s"
python3 training/train_attribution.py $ARGS --export
ls -la $EXPORT
sha256sum $EXPORT/model.onnx
gzip -1 -c $EXPORT/model.onnx > $RET/model.onnx.gz
(cd $RET && split -b 16000000 -d -a 2 model.onnx.gz chunk && sha256sum model.onnx.gz chunk* > sums.txt && ls -la)
tar czf $OUT/small.tgz --exclude model.onnx -C $EXPORT . -C $RET sums.txt
for c in $RET/chunk00 $RET/chunk01 $RET/chunk02 $RET/chunk03; do [ -f $c ] && cp $c $OUT/; done
echo "done in $(( $(date +%s) - t0 )) s"
