package sspvs.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * BERT's input layer: word + position + token-type embeddings, then LayerNorm and dropout.
 * Input: token ids {@code [B, T]}; output {@code [B, T, hidden]}. Positions are {@code 0..T-1};
 * token types are all 0, as the reference feeds them.
 */
final class BertEmbeddings extends AbstractBlock {
    final TokenEmbedding words;
    final TokenEmbedding positions;
    final TokenEmbedding tokenTypes;
    final LayerNorm norm;
    private final BertConfig config;

    BertEmbeddings(BertConfig config) {
        this.config = config;
        words = addChildBlock("word_embeddings", new TokenEmbedding(config.vocab(), config.hidden(), config.initializerRange()));
        positions = addChildBlock("position_embeddings",
                new TokenEmbedding(config.maxPositions(), config.hidden(), config.initializerRange()));
        tokenTypes = addChildBlock("token_type_embeddings",
                new TokenEmbedding(config.typeVocab(), config.hidden(), config.initializerRange()));
        norm = addChildBlock("LayerNorm", LayerNorm.builder().axis(2).optEpsilon(config.layerNormEps()).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow().toType(DataType.INT64, false);
        long length = ids.getShape().get(1);
        if (length > config.maxPositions()) {
            throw new IllegalArgumentException("text of " + length + " tokens exceeds the " + config.maxPositions()
                    + " positions of the text encoder");
        }
        NDManager manager = ids.getManager();
        NDArray positionIds = manager.arange(0L, length, 1L, DataType.INT64).expandDims(0);
        NDArray typeIds = manager.zeros(ids.getShape(), DataType.INT64);
        // step 1: the three embeddings, summed in HuggingFace's order
        NDArray x = words.forward(ps, new NDList(ids), training).singletonOrThrow()
                .add(tokenTypes.forward(ps, new NDList(typeIds), training).singletonOrThrow())
                .add(positions.forward(ps, new NDList(positionIds), training).singletonOrThrow());
        // step 2: LayerNorm, then dropout
        x = norm.forward(ps, new NDList(x), training).singletonOrThrow();
        return Dropout.dropout(x, config.hiddenDropout(), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(config.hidden())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape ids = inputShapes[0];
        words.initialize(manager, dataType, ids);
        positions.initialize(manager, dataType, new Shape(1, ids.get(1)));
        tokenTypes.initialize(manager, dataType, ids);
        norm.initialize(manager, dataType, ids.add(config.hidden()));
    }
}
