package io.cachebreaker.runtime.javax;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code javax/servlet} members a class file refers to, read from its constant pool, so a test can check each
 * against the Servlet 4 API: a call to a Servlet 5 or 6 method would otherwise only fail on a Servlet 4 container, on
 * the path that makes it.
 */
final class ServletApiReferences {
    /** A referenced member: its owner's internal name, its name and its descriptor ({@code null} for a class). */
    record Member(String owner, String name, String descriptor) {
    }

    private ServletApiReferences() {
    }

    static List<Member> read(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        int[] tags = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    first[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<Member> members = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] == 7 && utf8[first[i]].startsWith("javax/servlet/")) {
                members.add(new Member(utf8[first[i]], null, null));
            } else if (tags[i] == 9 || tags[i] == 10 || tags[i] == 11) {
                String owner = utf8[first[first[i]]];
                int nameAndType = second[i];
                if (owner.startsWith("javax/servlet/")) {
                    members.add(new Member(owner, utf8[first[nameAndType]], utf8[second[nameAndType]]));
                }
            }
        }
        return members;
    }
}
