package io.lifeboat.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/** The helpers every provider's types share: one behaviour for absent values, and the mark kept out of what the engine sees. */
class ValuesAndMarksTest {
    private static final Urn URN = new Urn("dev", "proj", "test:index:Thing", "thing");
    private static final TypeSchema TAGGED = TypeSchema.builder("test:index:Thing").required("name").outputs("arn").tagged().build();

    @Test
    void anAbsentOrMistypedObjectReadsAsEmptyAndIsObjTellsItApart() {
        Props in = Props.builder().put("name", "x").put("config", new PropertyValue.Obj(Props.builder().put("size", 3).build())).build();

        assertThat(Values.obj(in, "config").get("size")).isEqualTo(new PropertyValue.Num(3));
        assertThat(Values.obj(in, "missing")).isSameAs(Props.EMPTY);
        assertThat(Values.obj(in, "name")).isSameAs(Props.EMPTY);
        assertThat(Values.isObj(in, "config")).isTrue();
        assertThat(Values.isObj(in, "missing")).isFalse();
    }

    @Test
    void secretStringsReadThrough() {
        Props in = Props.builder().put("password", new PropertyValue.Secret(new PropertyValue.Str("hunter2")))
                .put("names", new PropertyValue.Arr(java.util.List.of(new PropertyValue.Str("a"), new PropertyValue.Secret(new PropertyValue.Str("b")))))
                .build();

        assertThat(Values.str(in, "password")).isEqualTo("hunter2");
        assertThat(Values.strings(in, "names")).containsExactly("a", "b");
    }

    @Test
    void outputsNameEverySchemaOutputWithTheUsersTagsOnly() {
        Props tags = Props.builder().put("team", "data").put(TypeSchema.URN_TAG, URN.toString()).build();
        Props in = Props.builder().put("name", "x").put("tags", new PropertyValue.Obj(tags)).build();

        Props out = Values.outputs(TAGGED, "thing-1", in, Props.builder().put("arn", "arn:thing-1").build());

        assertThat(out.string("id")).isEqualTo("thing-1");
        assertThat(out.string("arn")).isEqualTo("arn:thing-1");
        assertThat(out.get("tags")).isEqualTo(PropertyValue.fromJava(Map.of("team", "data")));
        assertThat(Values.outputs(TAGGED, "thing-2", Props.EMPTY).get("arn")).isEqualTo(PropertyValue.NULL);
    }

    @Test
    void theMarkIsAddedOnCreateAndLeftOutOfWhatIsSeen() {
        Props in = Props.builder().put("tags", new PropertyValue.Obj(Props.builder().put("team", "data").build())).build();

        Map<String, String> marked = Marks.markedTags(in, URN);
        Props kept = Marks.markedInputs(in, URN.toString());

        assertThat(marked).containsEntry(TypeSchema.URN_TAG, URN.toString()).containsEntry("team", "data");
        assertThat(Marks.marked(marked, URN)).isTrue();
        assertThat(Marks.userTags(kept)).containsOnlyKeys("team");
        assertThat(Marks.withoutMark(kept.get("tags")).keySet()).containsExactly("team");
        assertThat(Marks.withoutMark(marked)).isEqualTo(PropertyValue.fromJava(Map.of("team", "data")));
    }
}
