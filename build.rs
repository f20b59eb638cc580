//! Rejects a malformed grammar file at compile time, with its `file:line`.

#[allow(dead_code)]
mod table {
    include!("src/grammar/table.rs");
}

fn main() {
    for (name, header) in table::FILES {
        let path = format!("grammar/{name}");
        println!("cargo:rerun-if-changed={path}");
        let src = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{path}: cannot read the grammar file: {e}"));
        if let Err(e) = table::read_table(&path, &src, header) {
            panic!("malformed grammar file: {e}");
        }
    }
}
