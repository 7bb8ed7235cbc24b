package dev.moddesk.server.core;

import dev.moddesk.contract.Page;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;

/** Generic types for route declarations: {@code response(200, TypeRefs.listOf(StaffMember.class))}. */
public final class TypeRefs {
    private TypeRefs() {
    }

    public static Type listOf(Type element) {
        return parameterized(List.class, element);
    }

    public static Type pageOf(Type element) {
        return parameterized(Page.class, element);
    }

    public static Type parameterized(Class<?> raw, Type... arguments) {
        return new Parameterized(raw, arguments.clone());
    }

    private record Parameterized(Class<?> raw, Type[] arguments) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType p && p.getOwnerType() == null && raw.equals(p.getRawType())
                    && Arrays.equals(arguments, p.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(arguments) ^ raw.hashCode();
        }

        @Override
        public String toString() {
            return raw.getTypeName() + Arrays.stream(arguments).map(Type::getTypeName).toList().toString()
                    .replace('[', '<').replace(']', '>');
        }
    }
}
