//! How serde drives the quick reader: the `Deserializer` over a [`Reader`], enums and their
//! variants, and the items of a bracket as a sequence or a map.

use std::borrow::Cow;

use serde::de::value::{BorrowedStrDeserializer, CowStrDeserializer};
use serde::de::{self, DeserializeSeed, Visitor};

use super::{GiveUp, Reader, Res};

macro_rules! integers {
    ($($method:ident $visit:ident $t:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
            let n = <$t>::try_from(self.integer()?).map_err(|_| GiveUp)?;
            visitor.$visit(n)
        }
    )*};
}

macro_rules! left_to_ron {
    ($($method:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, _: V) -> Res<V::Value> {
            Err(GiveUp)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = GiveUp;

    integers!(
        deserialize_i8 visit_i8 i8, deserialize_i16 visit_i16 i16, deserialize_i32 visit_i32 i32,
        deserialize_i64 visit_i64 i64, deserialize_u8 visit_u8 u8, deserialize_u16 visit_u16 u16,
        deserialize_u32 visit_u32 u32, deserialize_u64 visit_u64 u64
    );

    left_to_ron!(
        deserialize_ignored_any,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_unit
    );

    /// Only what `ron` reads the same way without a type: a string or a list (a `next` of one
    /// id or of arms); anything else is left to `ron`.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        match self.peek() {
            Some(b'"' | b'r') => self.deserialize_str(visitor),
            Some(b'[') => self.deserialize_seq(visitor),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        match self.ident()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        match self.string()?.0 {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        // A raw string (`r"…"`) starts like an identifier but is none.
        if let Ok(ident) = self.peek_ident() {
            match ident {
                "None" => {
                    self.at += 4;
                    return visitor.visit_none();
                }
                "Some" => {
                    // Written out (`harm: Some(Leak)`), as `ron` also reads it: `Some`, `(`, the
                    // value, `)`; anything else is left to `ron`.
                    self.at += 4;
                    self.expect(b'(')?;
                    self.ws()?;
                    self.enter()?;
                    let value = visitor.visit_some(&mut *self)?;
                    self.leave();
                    self.ws()?;
                    self.expect(b')')?;
                    return Ok(value);
                }
                _ => {}
            }
        }
        self.enter()?;
        let value = visitor.visit_some(&mut *self)?;
        self.leave();
        Ok(value)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, _: V) -> Res<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, _: V) -> Res<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.newtype = false;
        self.bracketed((b'[', b']'), Kind::Elements, false, |items| visitor.visit_seq(items))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Res<V::Value> {
        let flat = std::mem::take(&mut self.newtype);
        self.bracketed((b'(', b')'), Kind::Elements, flat, |items| visitor.visit_seq(items))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _: &'static str, _: usize, _: V) -> Res<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.newtype = false;
        self.bracketed((b'{', b'}'), Kind::Entries, false, |items| visitor.visit_map(items))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        if !self.newtype {
            self.struct_name(name)?;
        }
        self.ws()?;
        self.struct_body(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        self.newtype = false;
        self.enter()?;
        let value = visitor.visit_enum(&mut *self)?;
        self.leave();
        Ok(value)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        visitor.visit_borrowed_str(self.ident()?)
    }

    fn deserialize_i128<V: Visitor<'de>>(self, _: V) -> Res<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_u128<V: Visitor<'de>>(self, _: V) -> Res<V::Value> {
        Err(GiveUp)
    }
}

impl<'de> de::EnumAccess<'de> for &mut Reader<'de> {
    type Error = GiveUp;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Res<(V::Value, Self)> {
        self.ws()?;
        let variant = seed.deserialize(&mut *self)?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Reader<'de> {
    type Error = GiveUp;

    fn unit_variant(self) -> Res<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Res<T::Value> {
        self.ws()?;
        self.expect(b'(')?;
        self.ws()?;
        self.newtype = true;
        self.enter()?;
        let value = seed.deserialize(&mut *self)?;
        self.leave();
        self.newtype = false;
        self.comma()?;
        self.expect(b')')?;
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Res<V::Value> {
        self.ws()?;
        de::Deserializer::deserialize_tuple(self, len, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], visitor: V) -> Res<V::Value> {
        self.ws()?;
        self.struct_body(visitor)
    }
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Kind {
    /// A sequence or tuple.
    Elements,
    /// A map: string keys, recorded to find repeats.
    Entries,
    /// A struct: identifier keys (serde reports a field written twice).
    Fields,
}

/// The comma-separated items of a bracket, as `ron` reads them: a trailing comma allowed, a
/// missing one an error.
pub(super) struct Items<'a, 'de> {
    pub(super) r: &'a mut Reader<'de>,
    pub(super) close: u8,
    pub(super) had_comma: bool,
    pub(super) kind: Kind,
}

impl Items<'_, '_> {
    fn has_item(&mut self) -> Res<bool> {
        self.r.ws()?;
        let closing = self.r.peek() == Some(self.close);
        match (self.had_comma, closing) {
            (true, closing) => Ok(!closing),
            (false, true) => Ok(false),
            (false, false) => Err(GiveUp),
        }
    }
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Res<Option<T::Value>> {
        if !self.has_item()? {
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.r)?;
        self.had_comma = self.r.comma()?;
        Ok(Some(value))
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Res<Option<K::Value>> {
        if !self.has_item()? {
            return Ok(None);
        }
        if self.kind == Kind::Fields {
            let field = self.r.ident()?;
            return seed.deserialize(BorrowedStrDeserializer::<GiveUp>::new(field)).map(Some);
        }
        let (key, raw) = self.r.string()?;
        self.r.keys.push(raw);
        seed.deserialize(CowStrDeserializer::<GiveUp>::new(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Res<V::Value> {
        self.r.ws()?;
        self.r.expect(b':')?;
        self.r.ws()?;
        let value = seed.deserialize(&mut *self.r)?;
        self.had_comma = self.r.comma()?;
        Ok(value)
    }
}
